package io.paas.controller.releases;

import io.paas.client.Api;
import io.paas.controller.apps.App;
import io.paas.controller.builds.Build;
import io.paas.controller.audit.AuditAction;
import io.paas.controller.audit.AuditTrail;
import io.paas.controller.platform.KeyVault;
import io.paas.controller.problems.Problem;
import io.paas.controller.quotas.QuotaService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Every change makes release vN+1, a copy of the current release with one thing changed: a build,
 * config, limits, health checks, or (rollback) everything taken from an older release.
 */
@ApplicationScoped
public class ReleaseService {
    /** Where web listens unless its release or build says otherwise. */
    public static final int DEFAULT_PORT = 5000;
    private static final Pattern KEY = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
    /** All names and values of an app's config together, in UTF-8 bytes: Heroku's limit. */
    static final int CONFIG_MAX_BYTES = 32 * 1024;
    private final QuotaService quotas;
    private final KeyVault vault;
    private final AuditTrail audit;

    private final ReleaseImages images;

    public ReleaseService(QuotaService quotas, KeyVault vault, AuditTrail audit, ReleaseImages images) {
        this.images = images;
        this.audit = audit;
        this.quotas = quotas;
        this.vault = vault;
    }

    @Transactional
    public Release initial(App app, String user) {
        Release release = new Release();
        release.app = App.findById(app.id);
        release.sealedConfig = new TreeMap<>();
        release.processTypes = new TreeMap<>();
        release.limits = new TreeMap<>();
        release.healthchecks = new TreeMap<>();
        return persistNext(release, "Initial release", user);
    }

    /** Sets non-null values and removes keys with null values; nothing changes on a bad key. */
    @Transactional
    public Release changeConfig(App app, Map<String, String> patch, String user) {
        if (patch == null || patch.isEmpty()) {
            throw Problem.invalid("no config vars given: use paas config:set KEY=VALUE");
        }
        Release current = current(app);
        Release next = copyOf(current);
        Map<String, String> values = config(current); // in clear only to measure them against the limit
        List<String> set = new ArrayList<>();
        List<String> unset = new ArrayList<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(patch).entrySet()) {
            String key = entry.getKey();
            if (key == null || !KEY.matcher(key).matches()) {
                throw Problem.invalid("invalid config var name '" + key + "': use letters, digits and _, not starting with a digit");
            }
            if (key.equals("PORT")) {
                throw Problem.invalid("PORT is set by the platform for each process and cannot be configured");
            }
            if (entry.getValue() == null) {
                if (next.sealedConfig.remove(key) != null) {
                    values.remove(key);
                    unset.add(key);
                }
            } else {
                if (entry.getValue().indexOf('\0') >= 0) {
                    // no process environment can hold it: the release would fail at container start
                    throw Problem.invalid("config var " + key + " contains a NUL byte, which an environment variable "
                            + "cannot hold");
                }
                next.sealedConfig.put(key, vault.seal(entry.getValue()));
                values.put(key, entry.getValue());
                set.add(key);
            }
        }
        int size = values.entrySet().stream().mapToInt(e -> utf8(e.getKey()) + utf8(e.getValue())).sum();
        if (size > CONFIG_MAX_BYTES) {
            throw Problem.invalid("config vars would hold " + size + " bytes (names and values together), over the limit "
                    + "of " + CONFIG_MAX_BYTES + " bytes (32 KB): keep large data in a file or a service, and its "
                    + "address in a config var");
        }
        if (set.isEmpty() && unset.isEmpty()) {
            throw Problem.unprocessable("nothing to change: " + String.join(", ", patch.keySet()) + " not set");
        }
        String summary = user + (set.isEmpty() ? "" : " set " + String.join(", ", set))
                + (set.isEmpty() || unset.isEmpty() ? "" : " and")
                + (unset.isEmpty() ? "" : " unset " + String.join(", ", unset));
        Release made = persistNext(next, summary, user);
        // Names only: a value never reaches the audit trail.
        if (!set.isEmpty()) {
            audit.recordAs(user, AuditAction.CONFIG_SET, app.id, app.name, String.join(", ", set) + ": v" + made.version);
        }
        if (!unset.isEmpty()) {
            audit.recordAs(user, AuditAction.CONFIG_UNSET, app.id, app.name, String.join(", ", unset) + ": v" + made.version);
        }
        return made;
    }

    /**
     * The build's release; healthchecks (the app's app.json, may be empty) replace the checks of the
     * process types they name, the others keep theirs.
     */
    @Transactional
    public Release fromBuild(Build build, Map<String, Api.HealthCheck> healthchecks, String user, String summary) {
        Release next = copyOf(current(build.app));
        next.build = build;
        next.image = build.image;
        next.processTypes = new TreeMap<>(build.processTypes);
        for (Map.Entry<String, Api.HealthCheck> entry : new TreeMap<>(healthchecks).entrySet()) {
            if (entry.getValue() == null) {
                throw Problem.invalid("app.json: the health check of " + entry.getKey() + " is empty");
            }
            if (!next.processTypes.containsKey(entry.getKey())) {
                throw Problem.unprocessable("app.json healthchecks names '" + entry.getKey() + "', not a process type "
                        + "this build runs (it has: " + String.join(", ", next.processTypes.keySet()) + ")");
            }
            putHealthcheck(next.healthchecks, entry.getKey(), entry.getValue());
        }
        return persistNext(next, summary, user);
    }

    /**
     * The release's config vars with their values in clear: for the containers it starts, and for
     * callers who may read them. Views without values use {@code release.sealedConfig.keySet()}.
     */
    public Map<String, String> config(Release release) {
        Map<String, String> values = new TreeMap<>();
        release.sealedConfig.forEach((key, sealed) -> values.put(key, vault.open(sealed)));
        return values;
    }

    /** Release vN of the app, for its view. */
    @Transactional
    public Release release(App app, int version) {
        return Release.byVersion(App.findById(app.id), version)
                .orElseThrow(() -> Problem.notFound("no release v" + version + " in " + app.name + ": see paas releases"));
    }

    private static int utf8(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    /** A new release copying vN (default: the newest release that served before the current one). */
    @Transactional
    public Release rollback(App app, Integer version, String user) {
        Release target = rollbackTarget(app, version);
        Release next = copyOf(target);
        Release made = persistNext(next, user + " rolled back to v" + target.version, user);
        audit.recordAs(user, AuditAction.ROLLBACK, app.id, app.name, "to v" + target.version + ": v" + made.version);
        return made;
    }

    /**
     * The release a rollback copies: vN, or without a version the newest earlier release that served
     * with a build. The CLI asks for it to name the target before the rollout.
     */
    @Transactional
    public Release rollbackTarget(App app, Integer version) {
        App managed = App.findById(app.id);
        Release target;
        if (version == null) {
            Release current = current(managed);
            target = Release.<Release>find("app = ?1 and version < ?2 and status = ?3 and image is not null "
                            + "and imageCollected = false order by version desc", managed, current.version, Release.SUCCEEDED)
                    .firstResultOptional()
                    .orElseThrow(() -> Problem.unprocessable("no earlier release to roll back to"));
        } else {
            target = Release.byVersion(managed, version)
                    .orElseThrow(() -> Problem.notFound("no release v" + version + " in " + app.name + ": see paas releases"));
        }
        if (target.image == null) {
            throw Problem.unprocessable("v" + target.version + " has no build to roll back to");
        }
        if (target.imageCollected) {
            throw Problem.unprocessable("v" + target.version + "'s image is no longer kept: the platform keeps the images of each"
                    + " app's newest " + images.kept() + " releases (PAAS_RELEASES_KEPT). Roll back to a newer release"
                    + " (paas releases), or push that code again");
        }
        return target;
    }

    /**
     * Sets (non-null) or removes (null) limits per process type. Limits as they already are make no
     * release: the current one is answered, and nothing restarts.
     */
    @Transactional
    public Release changeLimits(App app, Map<String, Api.Limit> patch, String user) {
        if (patch == null || patch.isEmpty()) {
            throw Problem.invalid("no limits given: use paas limits:set web=512M");
        }
        Release current = current(app);
        Release next = copyOf(current);
        for (Map.Entry<String, Api.Limit> entry : new TreeMap<>(patch).entrySet()) {
            String type = requireType(next, entry.getKey());
            next.limits.remove(type + ".memory");
            next.limits.remove(type + ".cpu");
            Api.Limit limit = entry.getValue();
            if (limit == null) {
                continue;
            }
            if (limit.memory() != null) {
                if (limit.memory() < 4L * 1024 * 1024) {
                    throw Problem.invalid("memory limit for " + type + " must be at least 4M");
                }
                next.limits.put(type + ".memory", Long.toString(limit.memory()));
            }
            if (limit.cpu() != null) {
                if (!(limit.cpu() > 0 && limit.cpu() <= 64)) {
                    throw Problem.invalid("cpu limit for " + type + " must be more than 0 and at most 64 cores");
                }
                next.limits.put(type + ".cpu", Double.toString(limit.cpu()));
            }
        }
        if (next.limits.equals(current.limits)) {
            return current;
        }
        quotas.checkFormation(app, Map.of(), next.limits);
        return audited(persistNext(next, user + " changed limits of " + String.join(", ", new TreeMap<>(patch).keySet()), user),
                AuditAction.LIMITS_SET);
    }

    /** Sets (non-null) or removes (null) health checks per process type; unchanged ones make no release. */
    @Transactional
    public Release changeHealthchecks(App app, Map<String, Api.HealthCheck> patch, String user) {
        if (patch == null || patch.isEmpty()) {
            throw Problem.invalid("no health checks given: use paas healthchecks:set web --path /health");
        }
        Release current = current(app);
        Release next = copyOf(current);
        for (Map.Entry<String, Api.HealthCheck> entry : new TreeMap<>(patch).entrySet()) {
            String type = requireType(next, entry.getKey());
            if (entry.getValue() != null) {
                putHealthcheck(next.healthchecks, type, entry.getValue());
            }
        }
        if (next.healthchecks.equals(current.healthchecks)) {
            return current;
        }
        return audited(persistNext(next, user + " changed health checks of " + String.join(", ", new TreeMap<>(patch).keySet()),
                user), AuditAction.HEALTHCHECKS_SET);
    }

    /**
     * Sets web's port (null: back to the build's EXPOSEd port or the default); the same port as now
     * makes no release.
     */
    @Transactional
    public Release changePort(App app, Integer port, String user) {
        if (port != null && (port < 1 || port > 65535)) {
            throw Problem.invalid("port must be between 1 and 65535, not " + port);
        }
        Release current = current(app);
        if (Objects.equals(current.port, port)) {
            return current;
        }
        if (current.image == null) {
            throw Problem.unprocessable("push code or deploy an image first: there is no web process to listen yet");
        }
        Release next = copyOf(current);
        next.port = port;
        return audited(persistNext(next, user + (port == null ? " cleared web's port" : " set web's port to " + port), user),
                AuditAction.PORTS_SET);
    }

    /** A release whose summary holds no secret (limits, checks, port) is recorded with it. */
    private Release audited(Release release, AuditAction action) {
        audit.recordAs(release.createdBy, action, release.app.id, release.app.name, release.summary + ": v" + release.version);
        return release;
    }

    @Transactional
    public Api.Ports ports(App app) {
        return port(current(app));
    }

    /** web's port in this release and where it comes from (Api.Ports' source). */
    public static Api.Ports port(Release release) {
        if (release.port != null) {
            return new Api.Ports(release.port, "ports:set");
        }
        if (release.build != null && release.build.port != null) {
            return new Api.Ports(release.build.port, "EXPOSE");
        }
        return new Api.Ports(DEFAULT_PORT, "default");
    }

    /** Replaces a process type's check in flat form (web.type, web.path ...), after checking every field. */
    private static void putHealthcheck(Map<String, String> flat, String type, Api.HealthCheck check) {
        flat.keySet().removeIf(k -> k.startsWith(type + "."));
        if (check.path() != null && !check.path().startsWith("/")) {
            throw Problem.invalid("health check path must start with /");
        }
        if (check.path() == null && (check.content() != null || check.attempts() != null)) {
            throw Problem.invalid("health check content and attempts need a path: they apply to HTTP checks");
        }
        if (check.content() != null && (check.content().isEmpty() || check.content().length() > 1024)) {
            throw Problem.invalid("health check content must be 1 to 1024 characters");
        }
        int timeout = bounded(check.timeout(), 3, "timeout");
        int interval = bounded(check.interval(), 2, "interval");
        flat.put(type + ".type", check.path() == null ? "tcp" : "http");
        if (check.path() != null) {
            flat.put(type + ".path", check.path());
        }
        flat.put(type + ".timeout", Integer.toString(timeout));
        flat.put(type + ".interval", Integer.toString(interval));
        if (check.content() != null) {
            flat.put(type + ".content", check.content());
        }
        if (check.attempts() != null) {
            if (check.attempts() < 1 || check.attempts() > 60) {
                throw Problem.invalid("health check attempts must be between 1 and 60");
            }
            flat.put(type + ".attempts", Integer.toString(check.attempts()));
        }
        if (check.initialDelay() != null) {
            if (check.initialDelay() < 0 || check.initialDelay() > 60) {
                throw Problem.invalid("health check initialDelay must be between 0 and 60 seconds");
            }
            flat.put(type + ".initialDelay", Integer.toString(check.initialDelay()));
        }
    }

    @Transactional
    public void markSucceeded(App app, int version) {
        Release.byVersion(App.findById(app.id), version).ifPresent(r -> {
            r.status = Release.SUCCEEDED;
            r.failure = null;
            r.failureOutput = null;
        });
    }

    /** @param output the failed process's last lines; null or empty when there are none */
    @Transactional
    public void markFailed(App app, int version, String reason, String output) {
        Release.byVersion(App.findById(app.id), version).ifPresent(r -> {
            r.status = Release.FAILED;
            r.failure = reason;
            r.failureOutput = output == null || output.isBlank() ? null : output;
        });
    }

    /**
     * The release changes build on, and whose config users see: the newest one that did not fail.
     * A release that never became healthy changes nothing, as if it had not been made.
     */
    @Transactional
    public Release current(App app) {
        App managed = App.findById(app.id);
        return Release.<Release>find("app = ?1 and status <> ?2 order by version desc", managed, Release.FAILED)
                .firstResultOptional()
                .or(() -> Release.latest(managed))
                .orElseThrow(() -> Problem.notFound("app " + app.name + " has no release"));
    }

    @Transactional
    public List<Release> list(App app) {
        return Release.newestFirst(App.findById(app.id));
    }

    private static String requireType(Release release, String type) {
        if (type == null || !release.processTypes.containsKey(type)) {
            throw Problem.unprocessable("no process type '" + type + "'"
                    + (release.processTypes.isEmpty() ? ": push code first"
                    : "; the app has: " + String.join(", ", release.processTypes.keySet())));
        }
        return type;
    }

    private static int bounded(Integer value, int fallback, String what) {
        int v = value == null ? fallback : value;
        if (v < 1 || v > 60) {
            throw Problem.invalid("health check " + what + " must be between 1 and 60 seconds");
        }
        return v;
    }

    private static Release copyOf(Release base) {
        Release next = new Release();
        next.app = base.app;
        next.build = base.build;
        next.image = base.image;
        next.sealedConfig = new TreeMap<>(base.sealedConfig); // copied sealed: nothing is opened to copy it
        next.processTypes = new TreeMap<>(base.processTypes);
        next.limits = new TreeMap<>(base.limits);
        next.healthchecks = new TreeMap<>(base.healthchecks);
        next.port = base.port;
        return next;
    }

    private static Release persistNext(Release release, String summary, String user) {
        release.version = Release.latest(release.app).map(r -> r.version + 1).orElse(1);
        release.summary = summary;
        release.createdBy = user;
        release.createdAt = Instant.now();
        // Nothing runs before the first build: such releases are live as soon as they exist.
        release.status = release.image == null ? Release.SUCCEEDED : Release.PENDING;
        release.persist();
        return release;
    }
}
