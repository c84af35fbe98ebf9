package io.paas.controller.releases;

import io.paas.controller.apps.App;
import io.paas.controller.builds.Build;
import io.paas.controller.problems.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Every change makes release vN+1: a build, a config change, and (later) a rollback. */
@ApplicationScoped
public class ReleaseService {
    private static final Pattern KEY = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

    @Transactional
    public Release initial(App app, String user) {
        return next(App.findById(app.id), null, null, Map.of(), Map.of(), "Initial release", user);
    }

    /** Sets non-null values and removes keys with null values; nothing changes on a bad key. */
    @Transactional
    public Release changeConfig(App app, Map<String, String> patch, String user) {
        if (patch == null || patch.isEmpty()) {
            throw Problem.invalid("no config vars given: use paas config:set KEY=VALUE");
        }
        Release current = current(app);
        Map<String, String> config = new TreeMap<>(current.config);
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
                if (config.remove(key) != null) {
                    unset.add(key);
                }
            } else {
                config.put(key, entry.getValue());
                set.add(key);
            }
        }
        if (set.isEmpty() && unset.isEmpty()) {
            throw Problem.unprocessable("nothing to change: " + String.join(", ", patch.keySet()) + " not set");
        }
        String summary = user + (set.isEmpty() ? "" : " set " + String.join(", ", set))
                + (set.isEmpty() || unset.isEmpty() ? "" : " and")
                + (unset.isEmpty() ? "" : " unset " + String.join(", ", unset));
        return next(current.app, current.build, current.image, config, current.processTypes, summary, user);
    }

    @Transactional
    public Release fromBuild(Build build, String user) {
        Release current = current(build.app);
        String shortSha = build.sha.length() > 7 ? build.sha.substring(0, 7) : build.sha;
        return next(current.app, build, build.image, current.config, build.processTypes,
                user + " deployed " + shortSha, user);
    }

    @Transactional
    public Release current(App app) {
        return Release.latest(App.findById(app.id))
                .orElseThrow(() -> Problem.notFound("app " + app.name + " has no release"));
    }

    @Transactional
    public List<Release> list(App app) {
        return Release.newestFirst(App.findById(app.id));
    }

    private static Release next(App app, Build build, String image, Map<String, String> config,
                                Map<String, String> processTypes, String summary, String user) {
        Release release = new Release();
        release.app = app;
        release.version = Release.latest(app).map(r -> r.version + 1).orElse(1);
        release.build = build;
        release.image = image;
        release.config = new TreeMap<>(config);
        release.processTypes = new TreeMap<>(processTypes);
        release.summary = summary;
        release.createdBy = user;
        release.createdAt = Instant.now();
        release.persist();
        return release;
    }
}
