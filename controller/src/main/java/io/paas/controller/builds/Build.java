package io.paas.controller.builds;

import io.paas.controller.apps.App;
import io.paas.controller.releases.JsonMapConverter;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** An image the builder made from a pushed commit. */
@Entity
@Table(name = "builds")
public class Build extends PanacheEntityBase {
    @Id
    public UUID id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "app_id")
    public App app;
    public String sha;
    public String image;
    @Column(name = "process_types")
    @Convert(converter = JsonMapConverter.class)
    public Map<String, String> processTypes;
    /** The port web listens on (PORT in its env); null: the platform's default. */
    public Integer port;
    /** How its commands run: Api.NewBuild.SLUG (null too) or Api.NewBuild.IMAGE. */
    public String kind;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
}
