package io.paas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.paas.client.ControllerClient;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HealthchecksAndLimitsTest extends LoggedInCliTest {
    @Override
    FakeController answers(FakeController fake) {
        return fake
                .answer("GET /v2/apps/myapp/healthchecks", 200,
                        "{\"worker\":{},\"web\":{\"path\":\"/health\",\"timeout\":3,\"interval\":2}}")
                .answer("PATCH /v2/apps/myapp/healthchecks", 200, "{\"version\":5,\"status\":\"succeeded\"}")
                .answer("GET /v2/apps/myapp/limits", 200,
                        "{\"worker\":{\"memory\":268435456},\"web\":{\"memory\":536870912,\"cpu\":0.5}}")
                .answer("PATCH /v2/apps/myapp/limits", 200, "{\"version\":6,\"status\":\"succeeded\"}");
    }

    @Test
    void healthchecksShowsATableAndJson() throws Exception {
        assertEquals("=== myapp Health Checks\n"
                + "TYPE    CHECK                 TIMEOUT  INTERVAL\n"
                + "web     HTTP GET /health      3s       2s\n"
                + "worker  TCP connect to $PORT  default  default\n", cli.run("healthchecks", "-a", "myapp").out());

        JsonNode json = ControllerClient.JSON.readTree(cli.run("healthchecks", "-a", "myapp", "--json").out());
        assertEquals("/health", json.get("web").get("path").asText());
    }

    @Test
    void healthchecksSetSendsTheCheckAndShowsTheRelease() {
        CliHarness.Result result = cli.run("healthchecks:set", "web", "--path", "/health", "--timeout", "3", "--interval", "2", "-a", "myapp");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("Setting health check for web on myapp... done, v5\n"
                + "web: HTTP GET /health, timeout 3s, interval 2s\n", result.out());
        assertEquals("{\"web\":{\"path\":\"/health\",\"timeout\":3,\"interval\":2}}",
                controller.last("PATCH", "/v2/apps/myapp/healthchecks").body());
    }

    @Test
    void healthchecksSetTakesContentAndAttemptsAsApp_jsonDoes() {
        CliHarness.Result result = cli.run("healthchecks:set", "web", "--path", "/health", "--content", "all good",
                "--attempts", "3", "-a", "myapp");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("Setting health check for web on myapp... done, v5\n"
                + "web: HTTP GET /health answering \"all good\", 3 attempts, timeout default, interval default\n",
                result.out());
        assertEquals("{\"web\":{\"path\":\"/health\",\"content\":\"all good\",\"attempts\":3}}",
                controller.last("PATCH", "/v2/apps/myapp/healthchecks").body());
        assertUsage("error: --content and --attempts check an HTTP answer: give --path too",
                "healthchecks:set", "web", "--attempts", "3");
        assertUsage("error: --attempts must be 1 to 60, got 0", "healthchecks:set", "web", "--path", "/", "--attempts", "0");
    }

    @Test
    void healthchecksSetTakesDurationsInEveryForm() {
        // The same forms as router:set: a bare number is seconds; the API counts whole seconds.
        String[][] cases = {{"5s", "5"}, {"5", "5"}, {"1m", "60"}, {"2000ms", "2"}};
        for (String[] c : cases) {
            CliHarness.Result result = cli.run("healthchecks:set", "web", "--timeout", c[0], "--interval", c[0], "-a", "myapp");
            assertEquals(0, result.exitCode(), c[0] + ": " + result.err());
            assertEquals("{\"web\":{\"timeout\":" + c[1] + ",\"interval\":" + c[1] + "}}",
                    controller.last("PATCH", "/v2/apps/myapp/healthchecks").body(), c[0]);
        }
    }

    @Test
    void healthchecksSetWithoutPathIsATcpCheck() {
        CliHarness.Result result = cli.run("healthchecks:set", "web", "-a", "myapp");

        assertEquals("Setting health check for web on myapp... done, v5\n"
                + "web: TCP connect to $PORT, timeout default, interval default\n", result.out());
        assertEquals("{\"web\":{}}", controller.last("PATCH", "/v2/apps/myapp/healthchecks").body());
    }

    @Test
    void healthchecksSetValidatesBeforeCallingTheController() {
        assertUsage("error: invalid --path 'health': an HTTP path starting with '/', without spaces (e.g. /health)",
                "healthchecks:set", "web", "--path", "health");
        assertUsage("error: invalid --path '/he alth': an HTTP path starting with '/', without spaces (e.g. /health)",
                "healthchecks:set", "web", "--path", "/he alth");
        assertUsage("error: --timeout must be 1 to 60 seconds, got 0", "healthchecks:set", "web", "--timeout", "0");
        assertUsage("error: --interval must be 1 to 60 seconds, got 61", "healthchecks:set", "web", "--interval", "61");
        assertUsage("error: invalid process type 'we b': use letters, digits, - and _, as in the Procfile (e.g. web, worker)", "healthchecks:set", "we b");
        assertUsage("error: --timeout must be a duration like 5 (seconds), 500ms, 5s, 2m or 1h, got 'three'",
                "healthchecks:set", "web", "--timeout", "three");
        assertUsage("error: --timeout counts whole seconds (1 to 60), got 500ms", "healthchecks:set", "web", "--timeout", "500ms");
        assertUsage("error: --interval must be 1 to 60 seconds, got 2m", "healthchecks:set", "web", "--interval", "2m");
        assertTrue(controller.requests.isEmpty());
    }

    @Test
    void healthchecksUnsetSendsNull() {
        CliHarness.Result result = cli.run("healthchecks:unset", "web", "-a", "myapp");

        assertEquals("Unsetting health check for web on myapp... done, v5\n", result.out());
        assertEquals("{\"web\":null}", controller.last("PATCH", "/v2/apps/myapp/healthchecks").body());
    }

    @Test
    void limitsShowsMemoryAndCpuAndJson() throws Exception {
        assertEquals("=== myapp Limits\n"
                + "TYPE    MEMORY  CPU\n"
                + "web     512M    0.5\n"
                + "worker  256M    none\n", cli.run("limits", "-a", "myapp").out());

        JsonNode json = ControllerClient.JSON.readTree(cli.run("limits", "-a", "myapp", "--json").out());
        assertEquals(536870912L, json.get("web").get("memory").asLong());
    }

    @Test
    void limitsSetMergesWithTheCurrentLimits() {
        CliHarness.Result result = cli.run("limits:set", "web=1G", "clock=64MiB", "--cpu", "worker=2", "-a", "myapp");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("Setting limits on myapp... done, v6\n"
                + "web:    memory 1G, cpu 0.5\n"
                + "clock:  memory 64M, cpu none\n"
                + "worker: memory 256M, cpu 2\n", result.out());
        assertEquals("{\"web\":{\"memory\":1073741824,\"cpu\":0.5},\"clock\":{\"memory\":67108864},"
                + "\"worker\":{\"memory\":268435456,\"cpu\":2.0}}", controller.last("PATCH", "/v2/apps/myapp/limits").body());
    }

    @Test
    void limitsSetValidatesBeforeCallingTheController() {
        assertUsage("error: memory limit 2M is too small: at least 4M", "limits:set", "web=2M");
        assertUsage("error: invalid memory size '512': use a number with K, M or G, e.g. 512M or 1G", "limits:set", "web=512");
        assertUsage("error: cpu limit 0 is out of range: more than 0 and at most 64", "limits:set", "--cpu", "web=0");
        assertUsage("error: cpu limit 65 is out of range: more than 0 and at most 64", "limits:set", "--cpu", "web=65");
        assertUsage("error: expected TYPE=SIZE (e.g. web=512M), got '512M'", "limits:set", "512M");
        assertUsage("error: nothing to set: give TYPE=SIZE (e.g. web=512M) and/or --cpu TYPE=CORES", "limits:set");
        assertTrue(controller.requests.isEmpty());
    }

    @Test
    void limitsUnsetRemovesAllOrOneKind() {
        assertEquals("Unsetting limits on myapp... done, v6\n", cli.run("limits:unset", "web", "worker", "-a", "myapp").out());
        assertEquals("{\"web\":null,\"worker\":null}", controller.last("PATCH", "/v2/apps/myapp/limits").body());

        cli.run("limits:unset", "web", "--cpu", "-a", "myapp");
        assertEquals("{\"web\":{\"memory\":536870912}}", controller.last("PATCH", "/v2/apps/myapp/limits").body());

        cli.run("limits:unset", "web", "worker", "--memory", "-a", "myapp");
        assertEquals("{\"web\":{\"cpu\":0.5},\"worker\":null}", controller.last("PATCH", "/v2/apps/myapp/limits").body());

        int patches = (int) controller.requests.stream().filter(r -> r.method().equals("PATCH")).count();
        CliHarness.Result nothing = cli.run("limits:unset", "clock", "-a", "myapp");
        assertEquals(0, nothing.exitCode());
        assertEquals("No such limits to unset on myapp: see paas limits -a myapp\n", nothing.out());
        assertEquals(patches, controller.requests.stream().filter(r -> r.method().equals("PATCH")).count());
    }

    @Test
    void limitsThatFailTheDeployAreReportedAsSuch() {
        controller.answer("PATCH /v2/apps/myapp/limits", 502, ReleasesRollbackTest.DEPLOY_FAILED);

        CliHarness.Result result = cli.run("limits:set", "web=4M", "-a", "myapp");

        assertEquals(1, result.exitCode());
        assertEquals("Setting limits on myapp... !\n", result.out());
        assertTrue(result.err().startsWith("error: deploy failed: "), result.err());
        assertTrue(result.err().contains("v7 kept serving"), result.err());
    }

    private void assertUsage(String firstLine, String... args) {
        String[] withApp = java.util.Arrays.copyOf(args, args.length + 2);
        withApp[args.length] = "-a";
        withApp[args.length + 1] = "myapp";
        CliHarness.Result result = cli.run(withApp);
        assertEquals(2, result.exitCode(), String.join(" ", args) + ": " + result.err());
        assertEquals(firstLine, result.err().lines().findFirst().orElse(""), String.join(" ", args));
    }
}
