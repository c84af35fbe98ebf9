package io.paas.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A push whose web process crashes at start, as a user sees it: the push fails within a few
 * seconds (not the health deadline) saying how the process ended, releases:info shows the reason
 * and the process's last output, the build's whole output is kept, and the old release keeps serving. A limit
 * set twice makes one release.
 */
class ReleaseFailureTest {
    private static final String APP = "crashes";

    @Test
    void aCrashingReleaseSaysWhyAndAnUnchangedLimitMakesNoRelease() throws IOException {
        Platform platform = Platform.get();
        Shell shell = platform.shell();
        Path dir = platform.sample("static-app", APP);
        shell.run(dir, "paas", "apps:create", APP).ok();
        shell.run(dir, "git", "push", "paas", "main").ok();
        assertEquals(200, Platform.status(platform.curl(APP)));

        shell.run(dir, "paas", "limits:set", "web=256M").ok();
        String releases = shell.run(dir, "paas", "releases").ok().output();
        Shell.Result again = shell.run(dir, "paas", "limits:set", "web=256M").ok();
        assertTrue(again.output().contains("done, v3"), again.output());
        assertEquals(releases, shell.run(dir, "paas", "releases").ok().output(), "no new release for the same limit");

        Files.writeString(dir.resolve("Procfile"), "web: echo starting-up; echo cannot-open-config >&2; exit 1\n");
        platform.commitAll(dir, "crashes at start");
        long t0 = System.nanoTime();
        Shell.Result push = shell.run(dir, "git", "push", "paas", "main");
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertNotEquals(0, push.exit(), push.output());
        assertTrue(push.output().contains("web.1 of v4 exited with status 1 after "), push.output());
        assertTrue(push.output().contains("cannot-open-config"), push.output());
        // the build itself takes some seconds; the platform's health deadline (20 s here) is not waited for
        assertTrue(seconds < 20, "the failed push took " + seconds + " s");

        String info = shell.run(dir, "paas", "releases:info", "v4").ok().output();
        assertTrue(info.contains("Status:      failed\n"), info);
        assertTrue(info.matches("(?s).*=== Failure\nweb\\.1 exited with status 1 after \\d\\.\\d s\n"
                + "\n=== Last Output\n.*starting-up.*cannot-open-config.*"), info);
        assertTrue(Platform.status(platform.curl(APP)) == 200, "the previous release keeps serving");
        // the build was recorded before its release failed: its whole output is kept with it
        String build = shell.run(dir, "paas", "builds:info").ok().output();
        assertTrue(build.contains("-----> Releasing..."), build);
        assertTrue(build.contains("cannot-open-config"), build);
    }
}
