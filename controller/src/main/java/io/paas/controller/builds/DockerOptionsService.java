package io.paas.controller.builds;

import io.paas.client.Api;
import io.paas.controller.apps.App;
import io.paas.controller.problems.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * `paas docker-options`: build args and the Dockerfile's path, which the builder passes to the
 * engine's build of the app's next push (Dokku's docker-options build and builder-dockerfile).
 */
@ApplicationScoped
public class DockerOptionsService {
    private static final Pattern ARG_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

    @Transactional
    public Api.DockerOptions of(App app) {
        DockerOptions options = DockerOptions.findById(app.id);
        return options == null ? new Api.DockerOptions(Map.of(), null)
                : new Api.DockerOptions(new TreeMap<>(options.buildArgs), options.dockerfilePath);
    }

    /** Replaces both; a null dockerfilePath means the root Dockerfile. */
    @Transactional
    public Api.DockerOptions replace(App app, Api.DockerOptions change) {
        if (change == null) {
            throw Problem.invalid("give {\"buildArgs\": {...}, \"dockerfilePath\": ...}");
        }
        Map<String, String> args = change.buildArgs() == null ? Map.of() : change.buildArgs();
        args.forEach((name, value) -> {
            if (name == null || !ARG_NAME.matcher(name).matches() || value == null) {
                throw Problem.invalid("invalid build arg '" + name + "': use NAME=VALUE, NAME of letters, digits and _");
            }
        });
        DockerOptions options = DockerOptions.findById(app.id);
        if (options == null) {
            options = new DockerOptions();
            options.appId = app.id;
        }
        options.buildArgs = new TreeMap<>(args);
        options.dockerfilePath = dockerfilePath(change.dockerfilePath());
        options.persist();
        return new Api.DockerOptions(new TreeMap<>(options.buildArgs), options.dockerfilePath);
    }

    /** A relative path inside the repository, normalized; null for the default. */
    static String dockerfilePath(String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        Path normalized = Path.of(path.strip()).normalize();
        if (normalized.isAbsolute() || normalized.toString().isEmpty() || normalized.startsWith("..")
                || path.contains("\\") || normalized.toString().length() > 255) {
            throw Problem.invalid("the Dockerfile path must be a file inside the repository, like docker/Dockerfile.web, not " + path);
        }
        return normalized.toString().equals("Dockerfile") ? null : normalized.toString();
    }
}
