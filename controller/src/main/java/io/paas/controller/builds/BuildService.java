package io.paas.controller.builds;

import io.paas.client.Api;
import io.paas.controller.apps.App;
import io.paas.controller.formation.FormationService;
import io.paas.controller.problems.Problem;
import io.paas.controller.releases.Release;
import io.paas.controller.releases.ReleaseService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/** Records a build the builder finished and makes it the app's next release. */
@ApplicationScoped
public class BuildService {
    private static final Pattern PROCESS_TYPE = Pattern.compile("^[a-z][a-z0-9_-]{0,62}$");
    private final ReleaseService releases;
    private final FormationService formations;

    public BuildService(ReleaseService releases, FormationService formations) {
        this.releases = releases;
        this.formations = formations;
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
        App app = App.byName(name).orElseThrow(() -> Problem.notFound("no app named " + name
                + " (destroyed while this build ran?): the build is not released"));
        if (!app.uid.equals(request.appId())) {
            throw Problem.conflict("app " + name + " was destroyed while this build ran and its name was taken "
                    + "again: the build is not released");
        }
        if (request.kind() != null && !request.kind().equals(Api.NewBuild.SLUG) && !request.kind().equals(Api.NewBuild.IMAGE)) {
            throw Problem.invalid("kind must be " + Api.NewBuild.SLUG + " or " + Api.NewBuild.IMAGE + ", not " + request.kind());
        }
        Build build = record(app, request.sha(), request.image(), request.processTypes(), request.port(),
                request.kind(), request.username(), request.formation() == null ? Map.of() : request.formation());
        String shortSha = build.sha.length() > 7 ? build.sha.substring(0, 7) : build.sha;
        return releases.fromBuild(build, request.healthchecks() == null ? Map.of() : request.healthchecks(),
                request.username(), request.username() + " deployed " + shortSha);
    }

    /**
     * A prebuilt image (pinned by digest) becomes the app's next release, as a build of kind image
     * whose sha is the digest's.
     */
    @Transactional
    public Release fromImage(App app, String pinned, Map<String, String> processTypes, Integer port, String user) {
        String digest = pinned.substring(pinned.indexOf("@sha256:") + "@sha256:".length());
        Build build = record(App.findById(app.id), digest, pinned, processTypes, port, Api.NewBuild.IMAGE, user, Map.of());
        return releases.fromBuild(build, Map.of(), user, user + " deployed image " + pinned.substring(0, pinned.indexOf('@') + 15));
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
        build.createdBy = user;
        build.createdAt = Instant.now();
        build.persist();
        formations.addDefaults(build.app, processTypes.keySet(), formation);
        return build;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
