package io.paas.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildsCommandsTest extends LoggedInCliTest {
    @Override
    FakeController answers(FakeController fake) {
        return fake.answer("DELETE /v2/apps/myapp/build-cache", 204, "")
                .answer("GET /v2/apps/myapp/builds", 200, "["
                        + "{\"id\":\"" + FAILED + "\",\"status\":\"failed\",\"sha\":\"3333333aaaaaaa\","
                        + "\"user\":\"alice\",\"createdAt\":\"2026-11-27T10:10:00.250Z\","
                        + "\"finishedAt\":\"2026-11-27T10:10:12.550Z\",\"durationMs\":12300,"
                        + "\"reason\":\"build failed\"},"
                        + "{\"id\":\"" + SUCCEEDED + "\",\"status\":\"succeeded\",\"sha\":\"abc1234bbbbbbb\","
                        + "\"user\":\"alice\",\"createdAt\":\"2026-11-27T10:00:00Z\","
                        + "\"finishedAt\":\"2026-11-27T10:02:05Z\",\"durationMs\":125000}]")
                .answer("GET /v2/apps/myapp/builds/" + FAILED, 200,
                        "{\"id\":\"" + FAILED + "\",\"status\":\"failed\",\"sha\":\"3333333aaaaaaa\","
                        + "\"user\":\"alice\",\"createdAt\":\"2026-11-27T10:10:00.250Z\","
                        + "\"finishedAt\":\"2026-11-27T10:10:12.550Z\",\"durationMs\":12300,"
                        + "\"reason\":\"build failed\","
                        + "\"output\":\"-----> Node.js app detected\\n !     Push rejected: the build exited with code 1\"}")
                .answer("GET /v2/apps/myapp/builds/" + SUCCEEDED, 200,
                        "{\"id\":\"" + SUCCEEDED + "\",\"status\":\"succeeded\",\"sha\":\"abc1234bbbbbbb\","
                        + "\"user\":\"alice\",\"createdAt\":\"2026-11-27T10:00:00Z\","
                        + "\"finishedAt\":\"2026-11-27T10:02:05Z\",\"durationMs\":125000,"
                        + "\"output\":\"-----> Building myapp from abc1234\\n-----> Released v7\"}");
    }

    private static final String FAILED = "5f1c2d3e-0000-4000-8000-000000000001";
    private static final String SUCCEEDED = "9a8b7c6d-0000-4000-8000-000000000002";

    @Test
    void buildsListsNewestFirstWithTheReasonOfAFailedOne() {
        CliHarness.Result result = cli.run("builds", "-a", "myapp");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("=== myapp Builds\n"
                + "ID        STATUS     SHA      USER   WHEN                  DURATION  REASON\n"
                + "5f1c2d3e  failed     3333333  alice  2026-11-27T10:10:00Z  12.3s     build failed\n"
                + "9a8b7c6d  succeeded  abc1234  alice  2026-11-27T10:00:00Z  2m 5s\n", result.out());

        CliHarness.Result newest = cli.run("builds", "-a", "myapp", "-n", "1", "--json");
        assertEquals(0, newest.exitCode(), newest.err());
        assertTrue(newest.out().contains(FAILED) && !newest.out().contains(SUCCEEDED), newest.out());
        assertEquals(2, cli.run("builds", "-a", "myapp", "-n", "0").exitCode());
    }

    @Test
    void buildsInfoShowsTheLatestOrAShortIdWithItsWholeOutput() {
        for (String[] args : new String[][] {{"builds:info", "-a", "myapp"}, {"builds:info", "5f1c", "-a", "myapp"}}) {
            CliHarness.Result result = cli.run(args);
            assertEquals(0, result.exitCode(), result.err());
            assertTrue(result.out().startsWith("=== myapp Build 5f1c2d3e\n"), result.out());
            assertTrue(result.out().contains("Status:   failed\n"), result.out());
            assertTrue(result.out().contains("Duration: 12.3s\n"), result.out());
            assertTrue(result.out().endsWith("=== Failure\nbuild failed\n\n=== Output\n-----> Node.js app detected\n"
                    + " !     Push rejected: the build exited with code 1\n"), result.out());
        }
        CliHarness.Result released = cli.run("builds:info", "9a8b", "-a", "myapp");
        assertEquals(0, released.exitCode(), released.err());
        assertTrue(released.out().endsWith("Duration: 2m 5s\n\n=== Output\n-----> Building myapp from abc1234\n"
                + "-----> Released v7\n"), released.out());
        CliHarness.Result json = cli.run("builds:info", "9a8b", "-a", "myapp", "--json");
        assertEquals(0, json.exitCode(), json.err());
        assertTrue(json.out().contains("\"output\" : \"-----> Building myapp from abc1234\\n-----> Released v7\"")
                || json.out().contains("\"output\":\"-----> Building myapp from abc1234\\n-----> Released v7\""), json.out());
        CliHarness.Result unknown = cli.run("builds:info", "feed", "-a", "myapp");
        assertEquals(1, unknown.exitCode());
        assertEquals("error: no build feed of myapp: see paas builds -a myapp\n", unknown.err());
        CliHarness.Result help = cli.run("builds:info", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("Usage: paas builds:info"), help.out());
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
