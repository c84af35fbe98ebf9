package io.paas.e2e;

import io.paas.client.ControllerClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One app's build never reads another app's source, cache or image: a build runs on the engine's
 * bridge, with only its own source, cache and config mounted, so the platform's registry on the
 * machine's loopback (every app's image), the other app's git repository and cache are out of its
 * reach. A buildpack of the test's own probes them from inside the build and says what it found.
 */
class KeptApartTest {
    private static Platform platform;
    private static Shell shell;
    private static BuildpackServer buildpacks;

    @BeforeAll
    static void start() throws IOException {
        platform = Platform.get();
        shell = platform.shell();
        buildpacks = new BuildpackServer(platform, "probes");
    }

    @AfterAll
    static void stop() {
        if (buildpacks != null) {
            buildpacks.close();
        }
    }

    @Test
    void aBuildReachesNeitherTheRegistryNorAnotherAppsSourceOrCache() throws IOException {
        String probe = buildpacks.serve("probe",
                "detect", "#!/usr/bin/env bash\necho Probe\n",
                "compile", """
                        #!/usr/bin/env bash
                        echo "-----> Probing what this build can reach"
                        for url in $(cat "$3/PROBE_URLS" 2>/dev/null); do
                          if curl -fsS -m 3 -o /dev/null "$url" 2>/dev/null; then echo "       reached $url"; else echo "       cannot reach $url"; fi
                        done
                        for path in $(cat "$3/PROBE_PATHS" 2>/dev/null); do
                          if [ -e "$path" ]; then echo "       sees $path"; else echo "       no $path"; fi
                        done
                        echo "       mark in this app's cache: $(cat "$2/mark" 2>/dev/null || echo none)"
                        cat "$3/MARK" > "$2/mark"
                        """,
                "release", "#!/usr/bin/env bash\necho '--- {}'\n");

        Path first = platform.sample("static-app", "apart-first");
        shell.run(first, "paas", "apps:create", "apart-first").ok();
        shell.run(first, "paas", "config:set", "MARK=first-app-secret").ok();
        shell.run(first, "paas", "buildpacks:set", probe).ok();
        shell.run(first, "paas", "buildpacks:add", "static").ok();
        platform.pushUntilServed("apart-first", first, "[kept apart] first app", "Hello from static",
                "git", "push", "paas", "main");
        String firstId = ControllerClient.JSON.readTree(shell.run(first, "paas", "apps:info", "--json").ok().output())
                .path("app").path("id").asText();
        Path firstGit = platform.data.resolve("git/" + firstId + ".git");
        Path firstCache = platform.data.resolve("cache/" + firstId);
        assertTrue(firstGit.toFile().isDirectory(), "the first app's repository is on the host: " + firstGit);
        assertTrue(firstCache.toFile().isDirectory(), "the first app's cache is on the host: " + firstCache);

        Path second = platform.sample("static-app", "apart-second");
        shell.run(second, "paas", "apps:create", "apart-second").ok();
        String registry = "http://127.0.0.1:" + platform.setting("PAAS_REGISTRY_PORT");
        String catalog = registry + "/v2/_catalog";
        String firstImages = registry + "/v2/" + firstId + "/tags/list";
        String controller = platform.controllerUrl() + "/v2/apps";
        shell.run(second, "paas", "config:set", "MARK=second", "PROBE_URLS=" + catalog + " " + firstImages + " " + controller,
                "PROBE_PATHS=" + firstGit + " " + firstCache + " " + platform.data).ok();
        shell.run(second, "paas", "buildpacks:set", probe).ok();
        shell.run(second, "paas", "buildpacks:add", "static").ok();
        String push = platform.pushUntilServed("apart-second", second, "[kept apart] probing build", "Hello from static",
                "git", "push", "paas", "main");

        assertTrue(push.contains("remote: -----> Probing what this build can reach"), push);
        for (String url : new String[]{catalog, firstImages, controller}) {
            assertTrue(push.contains("cannot reach " + url), url + " was reachable from a build:\n" + push);
        }
        for (Path path : new Path[]{firstGit, firstCache, platform.data}) {
            assertTrue(push.contains("no " + path), path + " was visible to a build:\n" + push);
        }
        assertTrue(push.contains("mark in this app's cache: none"), push);
        assertFalse(push.contains("first-app-secret"), push);
        // from the host, the same registry URL answers: the first app's image is there, out of the build's reach
        assertEquals(200, Platform.status(shell.run(platform.work, "curl", "-sS", "-o", "/dev/null", "-w", "\n%{http_code}", firstImages)));

        shell.run(platform.work, "paas", "apps:destroy", "-a", "apart-second", "--confirm", "apart-second").ok();
        shell.run(platform.work, "paas", "apps:destroy", "-a", "apart-first", "--confirm", "apart-first").ok();
    }
}
