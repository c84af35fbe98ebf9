package io.paas.controller.releases;

import io.paas.controller.apps.App;
import io.paas.controller.builds.Build;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Immutable once written: the image of a build plus the config at the time. Changes make a new version. */
@Entity
@Table(name = "releases")
public class Release extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "app_id")
    public App app;
    public int version;
    @ManyToOne
    @JoinColumn(name = "build_id")
    public Build build;
    public String image;
    @Convert(converter = JsonMapConverter.class)
    public Map<String, String> config;
    @Column(name = "process_types")
    @Convert(converter = JsonMapConverter.class)
    public Map<String, String> processTypes;
    public String summary;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;

    public static Optional<Release> latest(App app) {
        return find("app = ?1 order by version desc", app).firstResultOptional();
    }

    public static List<Release> newestFirst(App app) {
        return list("app = ?1 order by version desc", app);
    }
}
