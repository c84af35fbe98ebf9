package io.paas.controller.builds;

import io.paas.client.Api;
import io.paas.client.BuildOutputCap;
import io.paas.controller.apps.App;
import io.paas.controller.audit.AuditAction;
import io.paas.controller.audit.AuditTrail;
import io.paas.controller.formation.FormationService;
import io.paas.controller.logs.AppLogs;
import io.paas.controller.problems.Problem;
import io.paas.controller.releases.Release;
import io.paas.controller.releases.ReleaseService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Records the builds the builder ends: one that made an image becomes the app's next release; one
 * that failed is kept with its reason. Each keeps its whole output (capped by BuildOutputCap), for
 * `paas builds:info`, while it is one of its app's newest {@link #KEPT_OUTPUTS} builds.
 */
@ApplicationScoped
public class BuildService {
    private static final Pattern PROCESS_TYPE = Pattern.compile("^[a-z][a-z0-9_-]{0,62}$");
    /** How many of an app's builds keep their output: up to 20 MiB an app, the row and reason of older ones stay. */
    static final int KEPT_OUTPUTS = 20;
    /** What an older build's output becomes. */
    static final String OUTPUT_GONE = "output no longer kept (only the newest " + KEPT_OUTPUTS + " builds keep theirs)";
    private static final int REASON_CHARS = 2_000;
    private final ReleaseService releases;
    private final FormationService formations;
    private final AppLogs logs;
    private final AuditTrail audit;

    public BuildService(ReleaseService releases, FormationService formations, AppLogs logs, AuditTrail audit) {
        this.audit = audit;
        this.releases = releases;
        this.formations = formations;
        this.logs = logs;
    }

    /**
     * The build becomes a release of the app named so only while that name still means the app the
     * push was for (request.appId): a build that outlived its app's destroy never lands on a new app
     * of the same name. Callers hold the app's deploy lock, which a destroy takes too.
     */
    @Transactional
    public Release create(String name, Api.NewBuild request) {
        if (request == null || blank(request.appId()) || blank(request.sha()) || blank(request.image())
                || blank(request.username())) {
            throw Problem.invalid("appId, sha, image and username are required");
        }
        App app = appOfBuild(name, request.appId(), "released");
        if (request.kind() != null && !request.kind().equals(Api.NewBuild.SLUG) && !request.kind().equals(Api.NewBuild.IMAGE)) {
            throw Problem.invalid("kind must be " + Api.NewBuild.SLUG + " or " + Api.NewBuild.IMAGE + ", not " + request.kind());
        }
        Build build = record(app, request.sha(), request.image(), request.processTypes(), request.port(),
                request.kind(), request.username(), request.formation() == null ? Map.of() : request.formation());
        build.startedAt = startedAt(request.startedAt());
        String shortSha = build.shortSha();
        Release release = releases.fromBuild(build, request.healthchecks() == null ? Map.of() : request.healthchecks(),
                request.username(), request.username() + " deployed " + shortSha);
        logs.platform(app.id, null, "Build of " + shortSha + " by " + request.username() + " succeeded: v" + release.version);
        // The builder calls; the push is the user's it names (the address is the builder's connection).
        audit.recordAs(request.username(), AuditAction.PUSH, app.id, app.name,
                "build " + build.id + " of " + shortSha + " succeeded: v" + release.version);
        return release;
    }

    /** A build that ended without an image: recorded as failed, the live release untouched. */
    @Transactional
    public Build failed(String name, Api.FailedBuild request) {
        if (request == null || blank(request.appId()) || blank(request.sha()) || blank(request.username())
                || blank(request.reason())) {
            throw Problem.invalid("appId, sha, username and reason are required");
        }
        if (request.sha().length() > 64) {
            throw Problem.invalid("sha must be at most 64 characters");
        }
        App app = appOfBuild(name, request.appId(), "recorded");
        Build build = new Build();
        build.id = UUID.randomUUID();
        build.app = app;
        build.sha = request.sha();
        build.status = Api.Build.FAILED;
        build.processTypes = Map.of();
        build.createdBy = request.username();
        build.createdAt = Instant.now();
        build.startedAt = startedAt(request.startedAt());
        build.reason = cut(request.reason().strip(), REASON_CHARS);
        build.output = request.output() == null ? null : BuildOutputCap.cap(request.output());
        build.persist();
        forgetOlderOutputs(app);
        String shortSha = build.shortSha();
        logs.platform(app.id, null, "Build of " + shortSha + " by " + request.username() + " failed: " + build.reason);
        audit.recordAs(request.username(), AuditAction.PUSH, app.id, app.name, "build " + build.id + " of " + shortSha + " failed");
        return build;
    }

    /**
     * A build's whole output, which the builder sends once its push has ended (a released build's last
     * lines come after its record). For builder's calls only: 404 when the app or the build is gone.
     */
    @Transactional
    public void output(String name, String id, Api.BuildOutput request) {
        if (request == null || request.output() == null) {
            throw Problem.invalid("output is required");
        }
        App app = App.byName(name).orElseThrow(() -> Problem.notFound("no app named " + name
                + " (destroyed since the build?): its output is not kept"));
        Build build = of(app, id);
        build.output = BuildOutputCap.cap(request.output());
        forgetOlderOutputs(app);
    }

    /** Outputs older than the app's newest KEPT_OUTPUTS builds give way: they say so instead. */
    private static void forgetOlderOutputs(App app) {
        List<UUID> older = Build.getEntityManager()
                .createQuery("select b.id from Build b where b.app.id = ?1 order by b.createdAt desc", UUID.class)
                .setParameter(1, app.id).setFirstResult(KEPT_OUTPUTS).getResultList();
        if (!older.isEmpty()) {
            Build.update("output = ?1 where id in ?2 and output is not null and output <> ?1", OUTPUT_GONE, older);
        }
    }

    /** The app's builds, newest first. */
    @Transactional
    public List<Build> of(App app) {
        return Build.list("app.id = ?1 order by createdAt desc", app.id);
    }

    /** One build of the app by its id; 404 for an id that is not one of its builds. */
    @Transactional
    public Build of(App app, String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw Problem.notFound("no build " + id + " of " + app.name + ": see paas builds -a " + app.name);
        }
        return Build.<Build>find("id = ?1 and app.id = ?2", uuid, app.id).firstResultOptional()
                .orElseThrow(() -> Problem.notFound("no build " + id + " of " + app.name + ": see paas builds -a " + app.name));
    }

    /**
     * A prebuilt image (pinned by digest) becomes the app's next release, as a build of kind image
     * whose sha is the digest's.
     */
    @Transactional
    public Release fromImage(App app, String pinned, Map<String, String> processTypes, Integer port, String user) {
        String digest = pinned.substring(pinned.indexOf("@sha256:") + "@sha256:".length());
        Build build = record(App.findById(app.id), digest, pinned, processTypes, port, Api.NewBuild.IMAGE, user, Map.of());
        Release release = releases.fromBuild(build, Map.of(), user,
                user + " deployed image " + pinned.substring(0, pinned.indexOf('@') + 15));
        audit.recordAs(user, AuditAction.DEPLOY, app.id, app.name, pinned + ": v" + release.version);
        return release;
    }

    /** formation: app.json's scale for the app's first deploy (empty: one web, as before). */
    private Build record(App app, String sha, String image, Map<String, String> types, Integer port, String kind,
                         String user, Map<String, Integer> formation) {
        Map<String, String> processTypes = types == null ? Map.of() : types;
        for (Map.Entry<String, String> type : processTypes.entrySet()) {
            // an empty command runs the image's own ENTRYPOINT/CMD (Dockerfile builds)
            if (!PROCESS_TYPE.matcher(type.getKey()).matches() || type.getValue() == null
                    || !type.getValue().isEmpty() && type.getValue().isBlank()) {
                throw Problem.invalid("invalid process type '" + type.getKey() + "': check the Procfile");
            }
        }
        if (port != null && (port < 1 || port > 65535)) {
            throw Problem.invalid("port must be between 1 and 65535, not " + port);
        }
        Build build = new Build();
        build.id = UUID.randomUUID();
        build.app = app;
        build.sha = sha;
        build.image = image;
        build.processTypes = new TreeMap<>(processTypes);
        build.port = port;
        build.kind = kind;
        build.status = Api.Build.SUCCEEDED;
        build.createdBy = user;
        build.createdAt = Instant.now();
        build.persist();
        formations.addDefaults(build.app, processTypes.keySet(), formation);
        return build;
    }

    /**
     * The app named so, only while that name still means the app the push was for (appId): a build
     * that outlived its app's destroy never lands on a new app of the same name.
     */
    private static App appOfBuild(String name, String appId, String what) {
        App app = App.byName(name).orElseThrow(() -> Problem.notFound("no app named " + name
                + " (destroyed while this build ran?): the build is not " + what));
        if (!app.uid.equals(appId)) {
            throw Problem.conflict("app " + name + " was destroyed while this build ran and its name was taken "
                    + "again: the build is not " + what);
        }
        return app;
    }

    private static Instant startedAt(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw Problem.invalid("startedAt must be an ISO-8601 instant like 2024-01-31T12:00:00Z, not " + text);
        }
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
