package io.paas.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Python app pushed with git and reached through the router: python-app (runtime.txt, a wheel it
 * ships in wheels/, a bin/pre_compile hook whose mark it serves, a Procfile release phase) built
 * cold with Debian's Python, its release phase refusing a release, configured, then changed by a
 * line and built from the app's cache.
 * Python comes from Debian's archive, so this test needs its mirror.
 */
class PythonAppTest {
    private static final String APP = "python-app";
    private static Platform platform;
    private static Shell shell;

    @BeforeAll
    static void startPlatform() {
        platform = Platform.get();
        shell = platform.shell();
    }

    @Test
    void pythonAppIsBuiltReleasedServedAndConfigured() throws IOException {
        Path dir = platform.sample("python-app", "python-app");
        shell.run(dir, "paas", "apps:create", APP).ok();
        String cold = platform.pushUntilServed(APP, dir, "PythonAppTest: python-app cold",
                "Hello from Python 3.11.2, GREETING=unset, Simple is better than complex, built by bin/pre_compile",
                "git", "push", "paas", "main");
        assertTrue(cold.contains("remote: -----> Python app: Python 3.11 (runtime.txt asks for python-3.11)"), cold);
        assertTrue(cold.contains("remote: -----> Running bin/pre_compile hook"), cold);
        assertTrue(cold.contains("remote: -----> Installing Python 3.11.2 (Debian bookworm python3.11"), cold);
        assertTrue(cold.contains("remote:        Successfully installed pysample-greeting-1.0.0"), cold);

        // The Procfile's release phase runs the slug's Python before a release goes live; it
        // refuses while RELEASE_BLOCKED is set, and what it printed is the failed release's output
        // (the failed release's config is not kept).
        Shell.Result blocked = shell.run(dir, "paas", "config:set", "RELEASE_BLOCKED=freeze");
        assertTrue(blocked.output().contains("its release phase (python release.py) exited with status 1"), blocked.output());
        assertTrue(blocked.output().contains("release phase: python 3.11.2 refuses v3: RELEASE_BLOCKED=freeze"), blocked.output());
        assertTrue(platform.curl(APP).output().contains("GREETING=unset"), "the previous release keeps serving");

        shell.run(dir, "paas", "config:set", "GREETING=pythonista").ok();
        Shell.Result configured = platform.curl(APP);
        assertTrue(configured.output().contains("GREETING=pythonista"), configured.output());

        Path app = dir.resolve("app.py");
        Files.writeString(app, Files.readString(app).replace("Hello from Python", "Hello again from Python"));
        platform.commitAll(dir, "one line changed");
        String warm = platform.pushUntilServed(APP, dir, "PythonAppTest: python-app warm (one line changed)",
                "Hello again from Python 3.11.2, GREETING=pythonista", "git", "push", "paas", "main");
        assertTrue(warm.contains("remote: -----> Using cached Python 3.11.2"), warm);
        assertFalse(warm.contains("Downloading"), warm);
        // Debian's Python is the last release's image layer; the app and its requirements are a new one
        assertTrue(Pattern.compile("(?m)^remote:        Layer \\.heroku/python/usr \\([0-9.]+ MB\\): unchanged, reused\\s*$")
                .matcher(warm).find(), warm);
        BuildpackAppsTest.assertPhaseTimes(warm);
    }
}
