package io.paas.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two apps pushed at once on a platform that builds one at a time (the default on 2 cores): the
 * second push says it waits for the build ahead, then builds, and both go live.
 */
class BuildQueueTest {
    @Test
    void aSecondPushWaitsForTheFirstBuildAndBothGoLive() throws Exception {
        Platform platform = Platform.get();
        Shell shell = platform.shell();
        // a release phase keeps each build busy for a few seconds, so that the pushes meet whichever
        // reaches the builder first
        Path first = app(platform, "queue-first");
        Path second = app(platform, "queue-second");

        CompletableFuture<Shell.Result> one = CompletableFuture.supplyAsync(
                () -> shell.run(first, "git", "push", "paas", "main"));
        Thread.sleep(1000);
        Shell.Result two = shell.run(second, "git", "push", "paas", "main");
        Shell.Result other = one.get(3, TimeUnit.MINUTES);

        assertEquals(0, other.exit(), other.output());
        assertEquals(0, two.exit(), two.output());
        boolean secondWaited = two.output().contains("Waiting for");
        Shell.Result waited = secondWaited ? two : other;
        Shell.Result ahead = secondWaited ? other : two;
        assertFalse(ahead.output().contains("Waiting for"), "only one push waits: " + ahead.output());
        String app = secondWaited ? "queue-second" : "queue-first";
        assertTrue(waited.output().matches("(?s).*remote: -----> Waiting for 1 build ahead of this one\\s*\n"
                + "remote:        Waited \\d+\\.\\d s for the build queue\\s*\n"
                + "remote: -----> Building " + app + " .*"), waited.output());
        assertTrue(platform.curl("queue-first").output().contains("Hello from static"));
        assertTrue(platform.curl("queue-second").output().contains("Hello from static"));
    }

    private static Path app(Platform platform, String name) throws IOException {
        Path dir = platform.sample("static-app", name);
        Files.writeString(dir.resolve("Procfile"), "release: sleep 3\n");
        platform.commitAll(dir, "a slow release phase");
        platform.shell().run(dir, "paas", "apps:create", name).ok();
        return dir;
    }
}
