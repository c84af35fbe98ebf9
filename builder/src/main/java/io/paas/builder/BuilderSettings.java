package io.paas.builder;

import io.paas.client.buildpacks.BuildpackUrlPolicy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The builder's settings, read from the environment as infra/PLATFORM.md defines them. */
public record BuilderSettings(Path home, String platformId, String bind, int port, String controllerUrl,
                              String serviceToken, String dockerHost, String registry, Path buildpacksDir,
                              String stack, BuildpackUrlPolicy buildpackPolicy) {

    /** With the default buildpack URL policy (nothing allowed beyond what is public, default ports). */
    public BuilderSettings(Path home, String platformId, String bind, int port, String controllerUrl,
                           String serviceToken, String dockerHost, String registry, Path buildpacksDir, String stack) {
        this(home, platformId, bind, port, controllerUrl, serviceToken, dockerHost, registry, buildpacksDir, stack,
                BuildpackUrlPolicy.fromSettings(name -> null));
    }

    public static BuilderSettings fromEnvironment(Map<String, String> env) {
        Path home = Path.of(env.getOrDefault("PAAS_HOME", System.getProperty("user.home") + "/.paas-platform"))
                .toAbsolutePath();
        String token = env.get("PAAS_SERVICE_TOKEN");
        if (token == null || token.isBlank()) {
            token = readToken(home.resolve("secrets/service-token"));
        }
        String buildpacks = env.get("PAAS_BUILDPACKS_DIR");
        return new BuilderSettings(
                home,
                env.getOrDefault("PAAS_PLATFORM_ID", "paas"),
                env.getOrDefault("PAAS_BIND", "127.0.0.1"),
                Integer.parseInt(env.getOrDefault("PAAS_BUILDER_PORT", "7101")),
                env.getOrDefault("PAAS_CONTROLLER_URL", "http://127.0.0.1:7100"),
                token,
                env.getOrDefault("PAAS_DOCKER_HOST", "unix://" + home.resolve("podman/podman.sock")),
                env.getOrDefault("PAAS_REGISTRY", "127.0.0.1:7150"),
                buildpacks == null || buildpacks.isBlank() ? null : Path.of(buildpacks).toAbsolutePath(),
                env.getOrDefault("PAAS_STACK", "bookworm"),
                BuildpackUrlPolicy.fromSettings(env::get));
    }

    private static String readToken(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException("no service token: set PAAS_SERVICE_TOKEN or create " + file);
        }
    }

    public Path gitDir() {
        return home.resolve("git");
    }

    public Path buildsDir() {
        return home.resolve("builds");
    }

    /** Per-app build caches, cache/<app id>. */
    public Path cacheDir() {
        return home.resolve("cache");
    }

    /** Jib's cache of the stack's base layers, shared by all apps (outside cache/, which is per app id). */
    public Path jibCacheDir() {
        return home.resolve("jib");
    }

    public String buildImage() {
        return registry + "/paas/stack-build:" + stack;
    }

    public String runImage() {
        return registry + "/paas/stack-run:" + stack;
    }
}
