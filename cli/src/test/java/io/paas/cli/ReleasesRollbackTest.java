package io.paas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.paas.client.ControllerClient;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReleasesRollbackTest extends LoggedInCliTest {
    static final String DEPLOY_FAILED = "{\"type\":\"deploy_failed\",\"title\":\"Deploy failed\",\"status\":502,"
            + "\"detail\":\"web.1 of v8 did not pass its health check (GET /health) within 60 s; v7 kept serving\"}";

    @Override
    FakeController answers(FakeController fake) {
        return fake
                .answer("GET /v2/apps/myapp/releases", 200, "["
                        + "{\"version\":4,\"user\":\"alice\",\"summary\":\"Deploy 4444444\",\"createdAt\":\"2026-11-27T10:20:00Z\",\"status\":\"pending\"},"
                        + "{\"version\":3,\"user\":\"alice\",\"summary\":\"Deploy 3333333\",\"createdAt\":\"2026-11-27T10:10:00Z\",\"status\":\"failed\","
                        + "\"failure\":\"web.1 of v3 never became healthy; v2 kept serving\\nnode: cannot find module 'expresss'\"},"
                        + "{\"version\":2,\"user\":\"alice\",\"summary\":\"Deploy abc1234\",\"createdAt\":\"2026-11-27T10:05:00Z\",\"status\":\"succeeded\","
                        + "\"image\":\"127.0.0.1:7102/myapp:v2\",\"config\":{\"ZED\":\"1\",\"GREETING\":\"hi\"},\"processTypes\":{\"web\":\"npm start\",\"worker\":\"node worker.js\"}},"
                        + "{\"version\":1,\"user\":\"alice\",\"summary\":\"Initial release\",\"createdAt\":\"2026-11-27T10:00:00Z\"}]")
                .answer("GET /v2/apps/myapp/releases/rollback", 200, "{\"version\":2,\"summary\":\"Deploy abc1234\",\"status\":\"succeeded\"}")
                .answer("POST /v2/apps/myapp/releases/rollback", 200, "{\"version\":7,\"summary\":\"Rollback to v3\",\"status\":\"succeeded\"}");
    }

    @Test
    void releasesShowDeployingAndTheFirstLineOfAFailure() throws Exception {
        CliHarness.Result result = cli.run("releases", "-a", "myapp");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("=== myapp Releases\n"
                + "VERSION  USER   SUMMARY          CREATED               STATUS\n"
                + "v4       alice  Deploy 4444444   2026-11-27T10:20:00Z  deploying\n"
                + "v3       alice  Deploy 3333333   2026-11-27T10:10:00Z  failed: web.1 of v3 never became healthy; v2 kept serving\n"
                + "v2       alice  Deploy abc1234   2026-11-27T10:05:00Z\n"
                + "v1       alice  Initial release  2026-11-27T10:00:00Z\n", result.out());

        JsonNode json = ControllerClient.JSON.readTree(cli.run("releases", "-a", "myapp", "--json").out());
        assertEquals("failed", json.get(1).get("status").asText());
        assertTrue(json.get(1).get("failure").asText().contains("expresss"));
    }

    @Test
    void rollbackAcceptsVNAndN() {
        CliHarness.Result withV = cli.run("releases:rollback", "v3", "-a", "myapp");
        assertEquals(0, withV.exitCode(), withV.err());
        assertEquals("Rolling back myapp to v3... done, v7\n", withV.out());
        assertEquals("{\"version\":3}", controller.last("POST", "/v2/apps/myapp/releases/rollback").body());

        assertEquals("Rolling back myapp to v3... done, v7\n", cli.run("releases:rollback", "3", "-a", "myapp").out());
        assertEquals("{\"version\":3}", controller.last("POST", "/v2/apps/myapp/releases/rollback").body());
    }

    @Test
    void rollbackWithoutVersionNamesTheReleaseItRollsBackTo() {
        // The controller names the release it would copy (its rule, not a copy of it here): v2.
        CliHarness.Result result = cli.run("releases:rollback", "-a", "myapp");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("Rolling back myapp to v2... done, v7\n", result.out());
        assertEquals("{\"version\":2}", controller.last("POST", "/v2/apps/myapp/releases/rollback").body());
    }

    @Test
    void rollbackWithNothingEarlierLeavesItToTheControllerToSaySo() {
        controller.answer("GET /v2/apps/myapp/releases/rollback", 422,
                "{\"type\":\"unprocessable\",\"title\":\"Unprocessable\",\"status\":422,\"detail\":\"no earlier release to roll back to\"}");

        CliHarness.Result result = cli.run("releases:rollback", "-a", "myapp");

        assertEquals(1, result.exitCode());
        assertEquals("", result.out());
        assertEquals("error: no earlier release to roll back to\n", result.err());
        assertTrue(controller.requests.stream().noneMatch(r -> r.method().equals("POST")), "nothing was rolled back");
    }

    @Test
    void rollbackRejectsOtherVersionsWithExit2BeforeCallingTheController() {
        for (String bad : new String[] {"x3", "v", "v0", "3.1", "vv3"}) {
            CliHarness.Result result = cli.run("releases:rollback", bad, "-a", "myapp");
            assertEquals(2, result.exitCode(), bad);
            assertEquals("error: invalid release version '" + bad + "': expected vN or N, e.g. v3\n"
                    + "Run 'paas releases:rollback --help' for usage.\n", result.err());
        }
        assertTrue(controller.requests.isEmpty());
    }

    @Test
    void rollbackShowsTheControllersError() {
        controller.answer("POST /v2/apps/myapp/releases/rollback", 404,
                "{\"type\":\"not_found\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"myapp has no release v9\"}");

        CliHarness.Result result = cli.run("releases:rollback", "v9", "-a", "myapp");

        assertEquals(1, result.exitCode());
        assertEquals("Rolling back myapp to v9... !\n", result.out());
        assertEquals("error: myapp has no release v9\n", result.err());
    }

    @Test
    void aFailedDeploySaysSoAndWhichReleaseKeepsServing() {
        controller.answer("POST /v2/apps/myapp/releases/rollback", 502, DEPLOY_FAILED);

        CliHarness.Result result = cli.run("releases:rollback", "-a", "myapp");

        assertEquals(1, result.exitCode());
        assertEquals("Rolling back myapp to v2... !\n", result.out());
        assertEquals("error: deploy failed: web.1 of v8 did not pass its health check (GET /health) within 60 s; "
                + "v7 kept serving\n", result.err());
    }

    @Test
    void aReleaseAnsweredAsFailedIsAnErrorToo() {
        controller.answer("POST /v2/apps/myapp/releases/rollback", 200,
                "{\"version\":8,\"status\":\"failed\",\"failure\":\"release phase exited with 1; v7 kept serving\"}");

        CliHarness.Result result = cli.run("releases:rollback", "-a", "myapp");

        assertEquals(1, result.exitCode());
        assertEquals("error: deploy failed: v8: release phase exited with 1; v7 kept serving\n", result.err());
    }

    @Test
    void infoShowsOneRelease() throws Exception {
        CliHarness.Result result = cli.run("releases:info", "v2", "-a", "myapp");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("=== myapp Release v2\n"
                + "By:          alice\n"
                + "Change:      Deploy abc1234\n"
                + "When:        2026-11-27T10:05:00Z\n"
                + "Status:      succeeded\n"
                + "Image:       127.0.0.1:7102/myapp:v2\n"
                + "Config vars: GREETING, ZED\n"
                + "\n=== Process Types\n"
                + "web:    npm start\n"
                + "worker: node worker.js\n", result.out());

        String failed = cli.run("releases:info", "3", "-a", "myapp").out();
        assertTrue(failed.contains("Status:      failed\n"), failed);
        assertTrue(failed.endsWith("=== Failure\nweb.1 of v3 never became healthy; v2 kept serving\n"
                + "node: cannot find module 'expresss'\n"), failed);

        JsonNode json = ControllerClient.JSON.readTree(cli.run("releases:info", "v2", "-a", "myapp", "--json").out());
        assertEquals("npm start", json.get("processTypes").get("web").asText());

        CliHarness.Result missing = cli.run("releases:info", "v9", "-a", "myapp");
        assertEquals(1, missing.exitCode());
        assertEquals("error: no release v9 on myapp: see paas releases -a myapp\n", missing.err());
    }

    /** Views show config names; values come only with -s, asked of the controller for that one release. */
    @Test
    void infoShowsConfigNamesAndItsValuesOnlyWithShell() {
        controller.answer("GET /v2/apps/myapp/releases", 200, "[{\"version\":5,\"user\":\"alice\","
                + "\"summary\":\"alice set DATABASE_URL\",\"createdAt\":\"2026-11-27T10:30:00Z\",\"status\":\"succeeded\","
                + "\"configVars\":[\"DATABASE_URL\",\"GREETING\"]}]");
        controller.answer("GET /v2/apps/myapp/releases/5", 200, "{\"version\":5,\"configVars\":[\"DATABASE_URL\",\"GREETING\"],"
                + "\"config\":{\"GREETING\":\"hi there\",\"DATABASE_URL\":\"postgres://u:pw@db/x\"}}");

        CliHarness.Result names = cli.run("releases:info", "-a", "myapp");
        assertEquals(0, names.exitCode(), names.err());
        assertTrue(names.out().contains("Config vars: DATABASE_URL, GREETING\n"), names.out());
        assertEquals(null, controller.last("GET", "/v2/apps/myapp/releases/5"), "no values asked for");

        CliHarness.Result values = cli.run("releases:info", "v5", "-s", "-a", "myapp");
        assertEquals(0, values.exitCode(), values.err());
        assertEquals("DATABASE_URL='postgres://u:pw@db/x'\nGREETING='hi there'\n", values.out());
        assertEquals("values=true", controller.last("GET", "/v2/apps/myapp/releases/5").query());
        assertEquals("DATABASE_URL='postgres://u:pw@db/x'\nGREETING='hi there'\n",
                cli.run("releases:info", "--shell", "-a", "myapp").out());

        CliHarness.Result both = cli.run("releases:info", "-s", "--json", "-a", "myapp");
        assertEquals(2, both.exitCode());
        assertTrue(both.err().startsWith("error: give either -s or --json, not both\n"), both.err());
    }
}
