package io.paas.builder.container;

import io.paas.builder.testkit.PrivateEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A buildpack build container on the real engine (a private Podman service): its root is the
 * builds' unprivileged host uid, and a buildpack may open /dev/stdout and /dev/stderr by path.
 */
class BuildContainerTest {
    private static final String BUILD_IMAGE = "localhost/paas/stack-build:bookworm";

    @TempDir
    Path tmp;

    @Test
    void rootIsTheBuildsHostUidAndOutputOpensByPath() throws Exception {
        assumeTrue(PrivateEngine.available(), "podman or docker-registry missing");
        assumeTrue(PrivateEngine.hasImage(BUILD_IMAGE), "stack images missing: run infra/stack/build.sh");
        // stands in for buildpacks/bin/build: what a buildpack or the tool it runs may do
        Path buildpacks = Files.createDirectories(tmp.resolve("buildpacks/bin"));
        Path build = Files.writeString(buildpacks.resolve("build"), String.join("\n",
                "#!/usr/bin/env bash",
                "set -e",
                "echo \"uid_map: $(cat /proc/self/uid_map)\"",
                "echo 'to stderr by path' > /dev/stderr",
                "echo 'to stdout by path' > /dev/stdout",
                "echo 'to stderr' >&2",
                "touch /app/built",
                "exit 7",
                ""));
        Files.setPosixFilePermissions(build, PosixFilePermissions.fromString("rwxr-xr-x"));
        String platform = "bc-" + UUID.randomUUID().toString().substring(0, 8);
        try (PrivateEngine engine = new PrivateEngine(Files.createDirectories(tmp.resolve("engine")))) {
            BuildContainer.Spec spec = new BuildContainer.Spec(platform + "-build", "bookworm", BUILD_IMAGE,
                    Map.of("paas.platform", platform, "paas.role", "build"),
                    Files.createDirectories(tmp.resolve("app")), Files.createDirectories(tmp.resolve("cache")),
                    Files.createDirectories(tmp.resolve("env")), tmp.resolve("buildpacks"), List.of());
            List<String> lines = new CopyOnWriteArrayList<>();

            int exit = new BuildContainer(engine.docker(), Duration.ofMinutes(2)).run(spec, lines::add);

            assertEquals(7, exit, "the build's own exit code: " + lines);
            List<String> normalized = lines.stream().map(line -> line.strip().replaceAll("\\s+", " ")).toList();
            assertTrue(normalized.contains("uid_map: 0 " + (1L << 27) + " 65536"),
                    "root is the builds' host uid, not host root: " + lines);
            assertTrue(normalized.contains("to stderr by path"), "podman#16027 worked around: " + lines);
            assertTrue(normalized.contains("to stdout by path"), lines.toString());
            assertTrue(normalized.contains("to stderr"), lines.toString());
            assertEquals(BuildContainer.HOST_UID, Files.getAttribute(tmp.resolve("app/built"), "unix:uid"),
                    "what the build writes is the builds' uid's on the host");
            assertEquals("", engine.run("podman", "ps", "-aq", "--filter", "label=paas.platform=" + platform).strip(),
                    "the build container is gone");
        }
    }
}
