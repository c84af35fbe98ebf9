package io.paas.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What users read about a release that did not go live, and about an engine that is away. */
class ReleaseFailureCommandsTest extends LoggedInCliTest {
    static final String ENGINE_AWAY = "{\"type\":\"engine_unavailable\",\"title\":\"Container engine unavailable\","
            + "\"status\":503,\"detail\":\"the container engine is not answering, try again\"}";

    @Override
    FakeController answers(FakeController fake) {
        return fake
                .answer("GET /v2/apps/myapp/releases", 200, "["
                        + "{\"version\":3,\"user\":\"alice\",\"summary\":\"alice deployed 3333333\","
                        + "\"createdAt\":\"2026-11-27T10:10:00Z\",\"status\":\"failed\","
                        + "\"failure\":\"web.1 exited with status 1 after 0.8 s\","
                        + "\"failureOutput\":\"starting\\nError: cannot find module 'expresss'\\n\"},"
                        + "{\"version\":2,\"user\":\"alice\",\"summary\":\"alice deployed abc1234\","
                        + "\"createdAt\":\"2026-11-27T10:05:00Z\",\"status\":\"succeeded\"}]")
                .answer("GET /v2/apps/myapp/limits", 200, "{}")
                .answer("PATCH /v2/apps/myapp/limits", 200, "{\"version\":4,\"summary\":\"alice changed limits of web\","
                        + "\"status\":\"failed\",\"failure\":\"web.1 killed: out of memory (limit 64 MB)\","
                        + "\"failureOutput\":\"allocating\"}")
                .answer("GET /v2/apps/myapp/ps", 503, ENGINE_AWAY);
    }

    @Test
    void releasesInfoShowsTheReasonAndTheLastOutput() {
        CliHarness.Result result = cli.run("releases:info", "v3", "-a", "myapp");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().contains("Status:      failed\n"), result.out());
        assertTrue(result.out().endsWith("=== Failure\nweb.1 exited with status 1 after 0.8 s\n"
                + "\n=== Last Output\nstarting\nError: cannot find module 'expresss'\n"), result.out());
    }

    @Test
    void theReleasesListShowsTheReasonWithoutTheOutput() {
        String out = cli.run("releases", "-a", "myapp").out();

        assertTrue(out.contains("failed: web.1 exited with status 1 after 0.8 s\n"), out);
        assertTrue(!out.contains("expresss"), out);
    }

    @Test
    void aReleaseAnsweredAsFailedSaysWhyWithItsOutput() {
        CliHarness.Result result = cli.run("limits:set", "web=64M", "-a", "myapp");

        assertEquals(1, result.exitCode(), result.out());
        assertEquals("error: deploy failed: v4: web.1 killed: out of memory (limit 64 MB)\n"
                + "its last output:\nallocating\n", result.err());
    }

    @Test
    void anEngineThatIsAwayIsOnePlainSentence() {
        CliHarness.Result result = cli.run("ps", "-a", "myapp");

        assertEquals(1, result.exitCode(), result.out());
        assertEquals("error: the container engine is not answering, try again\n", result.err());
    }

    @Test
    void aControllerThatIsAwayIsSaidWithoutJavaNames() {
        controller.close();

        CliHarness.Result result = cli.run("ps", "-a", "myapp");

        assertEquals(1, result.exitCode(), result.out());
        assertEquals("error: cannot reach the controller at " + controller.url()
                + ": connection refused (is it running?)\n", result.err());
    }
}
