package io.paas.builder;

import io.paas.builder.build.FreeSpace;
import io.paas.builder.build.SizeCap;
import io.paas.client.buildpacks.BuildpackUrlPolicy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The builder's settings, read from the environment as infra/PLATFORM.md defines them.
 *
 * @param cacheCap  the most an app's build cache may hold after a build
 * @param slugCap   the most a compiled slug (/app) may hold
 * @param buildConcurrency how many builds run at once; more pushes wait their turn
 * @param sshPort   git over SSH (PAAS_BUILDER_SSH_PORT); 0 takes any free port
 * @param packCap   the most one push may send (its pack), over HTTP or SSH
 * @param adminPort GET /metrics (Prometheus) on loopback (PAAS_BUILDER_ADMIN_PORT); 0 takes any free port, -1 none
 * @param minFree   the free disk space below which builds are refused (PAAS_BUILD_MIN_FREE)
 */
public record BuilderSettings(Path home, String platformId, String bind, int port, String controllerUrl,
                              String serviceToken, String dockerHost, String registry, Path buildpacksDir,
                              String stack, BuildpackUrlPolicy buildpackPolicy, SizeCap cacheCap, SizeCap slugCap,
                              int buildConcurrency, int sshPort, SizeCap packCap, int adminPort, SizeCap minFree) {
    public static final String CACHE_CAP = "PAAS_BUILD_CACHE_MAX";
    public static final String SLUG_CAP = "PAAS_SLUG_MAX";
    public static final String CONCURRENCY = "PAAS_BUILD_CONCURRENCY";
    public static final String PACK_CAP = "PAAS_GIT_PACK_MAX";
    public static final String ADMIN_PORT = "PAAS_BUILDER_ADMIN_PORT";

    /**
     * Settings with the default buildpack URL policy (nothing allowed beyond what is public, default
     * ports), caps and build concurrency.
     */
    public BuilderSettings(Path home, String platformId, String bind, int port, String controllerUrl,
                           String serviceToken, String dockerHost, String registry, Path buildpacksDir, String stack) {
        this(home, platformId, bind, port, controllerUrl, serviceToken, dockerHost, registry, buildpacksDir, stack,
                BuildpackUrlPolicy.fromSettings(name -> null),
                SizeCap.parse(CACHE_CAP, "2G"), SizeCap.parse(SLUG_CAP, "1G"), defaultConcurrency(), 0,
                SizeCap.parse(PACK_CAP, "2G"), -1, SizeCap.parse(FreeSpace.SETTING, FreeSpace.DEFAULT));
    }

    /** These settings with another slug cap. */
    public BuilderSettings withSlugCap(SizeCap cap) {
        return new BuilderSettings(home, platformId, bind, port, controllerUrl, serviceToken, dockerHost, registry,
                buildpacksDir, stack, buildpackPolicy, cacheCap, cap, buildConcurrency, sshPort, packCap, adminPort, minFree);
    }

    /** A build container may use 1.5 CPUs: one build at a time on 2 cores, one per 2 cores beyond. */
    static int defaultConcurrency() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }

    public static BuilderSettings fromEnvironment(Map<String, String> env) {
        Path home = Path.of(env.getOrDefault("PAAS_HOME", System.getProperty("user.home") + "/.paas-platform"))
                .toAbsolutePath();
        String token = env.get("PAAS_BUILDER_TOKEN");
        if (token == null || token.isBlank()) {
            token = readToken(home.resolve("secrets/builder-token"));
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
                BuildpackUrlPolicy.fromSettings(env::get),
                SizeCap.parse(CACHE_CAP, given(env, CACHE_CAP, "2G")),
                SizeCap.parse(SLUG_CAP, given(env, SLUG_CAP, "1G")),
                concurrency(env.get(CONCURRENCY)),
                Integer.parseInt(given(env, "PAAS_BUILDER_SSH_PORT", "7102")),
                SizeCap.parse(PACK_CAP, given(env, PACK_CAP, "2G")),
                adminPort(given(env, ADMIN_PORT, "7192")),
                SizeCap.parse(FreeSpace.SETTING, given(env, FreeSpace.SETTING, FreeSpace.DEFAULT)));
    }

    /** An empty value (infra/platform.sh passes every setting) means the default, as an absent one. */
    private static String given(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int concurrency(String value) {
        if (value == null || value.isBlank()) {
            return defaultConcurrency();
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1 && n <= 64) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // said below
        }
        throw new IllegalArgumentException(CONCURRENCY + " must be a number of builds from 1 to 64, not '" + value + "'");
    }

    private static int adminPort(String value) {
        try {
            int port = Integer.parseInt(value.strip());
            if (port >= -1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException ignored) {
            // said below
        }
        throw new IllegalArgumentException(ADMIN_PORT + " must be a port (0: any free port, -1: none), not '" + value + "'");
    }

    private static String readToken(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalStateException("no builder token: set PAAS_BUILDER_TOKEN or create " + file);
        }
    }

    public Path gitDir() {
        return home.resolve("git");
    }

    public Path buildsDir() {
        return home.resolve("builds");
    }

    /** The SSH server's host key, made at its first start and kept: clients' known_hosts stay valid. */
    public Path sshHostKey() {
        return home.resolve("builder/ssh/host-key");
    }

    /** Per-app build caches, cache/<app id>. */
    public Path cacheDir() {
        return home.resolve("cache");
    }

    /** buildah's stores of Dockerfile builds, dockerfile-images/<app id>: their layers are the cache of the next build. */
    public Path imageStoresDir() {
        return home.resolve("dockerfile-images");
    }

    /**
     * Where builds write, for the free-space check: the platform's home (the engine's and the
     * registry's storage live there too) and the builder's own stores.
     */
    public java.util.List<Path> buildDisks() {
        return java.util.List.of(home, gitDir(), cacheDir(), buildsDir(), imageStoresDir(), jibCacheDir());
    }

    /** Jib's cache of the stack's base layers, shared by all apps (outside cache/, which is per app id). */
    public Path jibCacheDir() {
        return home.resolve("jib");
    }

    /** The default stack's run image (PAAS_STACK): apps that set no stack are based on it. */
    public String runImage() {
        return runImage(stack);
    }

    public String buildImage(String stack) {
        return registry + "/paas/stack-build:" + stack;
    }

    public String runImage(String stack) {
        return registry + "/paas/stack-run:" + stack;
    }
}
