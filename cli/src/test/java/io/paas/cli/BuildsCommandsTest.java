package io.paas.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildsCommandsTest extends LoggedInCliTest {
    @Override
    FakeController answers(FakeController fake) {
        return fake.answer("DELETE /v2/apps/myapp/build-cache", 204, "");
    }

    @Test
    void cachePurgeNeedsTheAppNameAgainThenAsksTheController() {
        CliHarness.Result refused = cli.run("builds:cache:purge", "-a", "myapp");
        assertEquals(1, refused.exitCode());
        assertEquals("error: confirmation did not match myapp: this empties its build cache. To proceed, run: "
                + "paas builds:cache:purge -a myapp --confirm myapp\n", refused.err());
        assertTrue(controller.requests.isEmpty());

        CliHarness.Result purged = cli.run("builds:cache:purge", "-a", "myapp", "--confirm", "myapp");
        assertEquals(0, purged.exitCode(), purged.err());
        assertEquals("Purging the build cache of myapp... done\n", purged.out());
        assertEquals(1, controller.requests.size());
    }
}
