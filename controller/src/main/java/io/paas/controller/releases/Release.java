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
    /**
     * Config var name -> value sealed by the KeyVault ({@link ReleaseService#config} opens them): a
     * database dump shows the names, never the values. Every row is sealed since migration V15.
     */
    @Column(name = "config")
    @Convert(converter = JsonMapConverter.class)
    public Map<String, String> sealedConfig;
    @Column(name = "process_types")
    @Convert(converter = JsonMapConverter.class)
    public Map<String, String> processTypes;
    public String summary;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    public String status;
    /** Why the release never went live, in one line ("web.1 exited with status 1 after 0.8 s"). */
    public String failure;
    /** The last lines the failed process printed, when it printed any. */
    @Column(name = "failure_output")
    public String failureOutput;
    /** "web.memory" -> bytes, "web.cpu" -> cores: flat, like config. */
    @Convert(converter = JsonMapConverter.class)
    public Map<String, String> limits;
    /** "web.path", "web.timeout", "web.interval". */
    @Convert(converter = JsonMapConverter.class)
    public Map<String, String> healthchecks;
    /** web's port chosen with `paas ports:set`; null: the build's. */
    public Integer port;
    /** The image was removed from the platform's registry (ReleaseImages): this release cannot run again. */
    @Column(name = "image_collected")
    public boolean imageCollected;

    public static final String PENDING = "pending";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    public static Optional<Release> latest(App app) {
        return find("app = ?1 order by version desc", app).firstResultOptional();
    }

    /** The newest release that served: what a restarted platform or a crash brings back. */
    public static Optional<Release> latestSucceeded(App app) {
        return find("app = ?1 and status = ?2 order by version desc", app, SUCCEEDED).firstResultOptional();
    }

    public static Optional<Release> byVersion(App app, int version) {
        return find("app = ?1 and version = ?2", app, version).firstResultOptional();
    }

    public static List<Release> newestFirst(App app) {
        return list("app = ?1 order by version desc", app);
    }
}
