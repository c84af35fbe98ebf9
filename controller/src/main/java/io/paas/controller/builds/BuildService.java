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
        Map<String, String> processTypes = request.processTypes() == null ? Map.of() : request.processTypes();
        for (Map.Entry<String, String> type : processTypes.entrySet()) {
            // an empty command runs the image's own ENTRYPOINT/CMD (Dockerfile builds)
            if (!PROCESS_TYPE.matcher(type.getKey()).matches() || type.getValue() == null
                    || !type.getValue().isEmpty() && type.getValue().isBlank()) {
                throw Problem.invalid("invalid process type '" + type.getKey() + "': check the Procfile");
            }
        }
        if (request.port() != null && (request.port() < 1 || request.port() > 65535)) {
            throw Problem.invalid("port must be between 1 and 65535, not " + request.port());
        }
        Build build = new Build();
        build.id = UUID.randomUUID();
        build.app = app;
        build.sha = request.sha();
        build.image = request.image();
        build.processTypes = new TreeMap<>(processTypes);
        build.port = request.port();
        build.createdBy = request.username();
        build.createdAt = Instant.now();
        build.persist();
        formations.addDefaults(build.app, processTypes.keySet(),
                request.formation() == null ? Map.of() : request.formation());
        return releases.fromBuild(build, request.healthchecks() == null ? Map.of() : request.healthchecks(),
                request.username());
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
