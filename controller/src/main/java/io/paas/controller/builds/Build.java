package io.paas.controller.builds;

import io.paas.controller.apps.App;
import io.paas.controller.releases.JsonMapConverter;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A build of a pushed commit: one that succeeded made an image (and a release); one that failed has
 * no image, but a reason. Both keep their output while they are among their app's newest builds.
 */
@Entity
@Table(name = "builds")
public class Build extends PanacheEntityBase {
    @Id
    public UUID id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "app_id")
    public App app;
    public String sha;
    /** Api.Build.SUCCEEDED or Api.Build.FAILED. */
    public String status;
    /** Null for a failed build. */
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
    /** When the build was recorded: its end. */
    @Column(name = "created_at")
    public Instant createdAt;
    /** When the builder began it; null when unknown (builds recorded before V12). */
    @Column(name = "started_at")
    public Instant startedAt;
    /** Why a failed build failed. */
    public String reason;
    /**
     * The build's whole output (BuildOutputCap); null when none was sent. Loaded only when read:
     * a list of builds never carries up to 20 MiB of them.
     */
    @Basic(fetch = FetchType.LAZY)
    public String output;

    /** The commit as git abbreviates it (7 characters), as pushes and logs show it. */
    public String shortSha() {
        return sha.length() > 7 ? sha.substring(0, 7) : sha;
    }
}
