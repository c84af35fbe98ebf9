package io.paas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.paas.client.ControllerClient;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PsCommandsTest extends LoggedInCliTest {
    @Override
    FakeController answers(FakeController fake) {
        Instant now = Instant.now();
        // Half a minute past the shown unit, so a slow test still sees the same text.
        String twoHours = now.minus(Duration.ofMinutes(125).plusSeconds(30)).toString();
        String aDay = now.minus(Duration.ofHours(28).plusMinutes(20)).toString();
        return fake
                .answer("GET /v2/apps/myapp/ps", 200, "["
                        + process("worker.1", "worker", "running", null, aDay, 0) + ","
                        + process("web.10", "web", "running", "127.0.0.1:41010", twoHours, 0) + ","
                        + process("web.2", "web", "running", "127.0.0.1:41002", twoHours, 3) + ","
                        + process("clock.1", "clock", "exited", null, aDay, 7) + "]")
                .answer("POST /v2/apps/myapp/ps/restart", 200, "[]")
                .answer("PATCH /v2/apps/myapp/formation", 200, "{\"web\":3,\"worker\":2}");
    }

    private static String process(String name, String type, String state, String endpoint, String startedAt, int restarts) {
        return "{\"name\":\"" + name + "\",\"type\":\"" + type + "\",\"release\":5,\"state\":\"" + state + "\","
                + "\"endpoint\":" + (endpoint == null ? "null" : "\"" + endpoint + "\"")
                + ",\"startedAt\":\"" + startedAt + "\",\"restarts\":" + restarts
                + ("running".equals(state) ? ",\"memoryBytes\":24117248,\"cpuPercent\":" + restarts * 0.5 : "") + "}";
    }

    @Test
    void psGroupsByTypeWebFirstWithUptimeRestartsMemoryAndCpu() {
        CliHarness.Result result = cli.run("ps", "-a", "myapp");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("=== web (2)\n"
                + "NAME    RELEASE  STATE    UPTIME  RESTARTS  MEMORY   CPU   ENDPOINT\n"
                + "web.2   v5       running  2h05m   3         23.0 MB  1.5%  127.0.0.1:41002\n"
                + "web.10  v5       running  2h05m   0         23.0 MB  0.0%  127.0.0.1:41010\n"
                + "\n"
                + "=== clock (1)\n"
                + "NAME     RELEASE  STATE   UPTIME  RESTARTS  MEMORY  CPU  ENDPOINT\n"
                + "clock.1  v5       exited          7\n"
                + "\n"
                + "=== worker (1)\n"
                + "NAME      RELEASE  STATE    UPTIME  RESTARTS  MEMORY   CPU   ENDPOINT\n"
                + "worker.1  v5       running  1d04h   0         23.0 MB  0.0%\n", result.out());
    }

    @Test
    void psJsonHasRestartsAndEmptyPsSaysWhatToDo() throws Exception {
        JsonNode json = ControllerClient.JSON.readTree(cli.run("ps", "-a", "myapp", "--json").out());
        assertEquals(4, json.size());
        assertEquals(3, json.get(2).get("restarts").asInt());

        controller.answer("GET /v2/apps/myapp/ps", 200, "[]");
        assertEquals("No processes are running on myapp. Deploy with git push, then: paas scale web=1\n",
                cli.run("ps", "-a", "myapp").out());
    }

    @Test
    void restartOneTypeOrAll() {
        CliHarness.Result web = cli.run("ps:restart", "web", "-a", "myapp");
        assertEquals(0, web.exitCode(), web.err());
        assertEquals("Restarting web processes on myapp... done\n", web.out());
        assertEquals("{\"type\":\"web\"}", controller.last("POST", "/v2/apps/myapp/ps/restart").body());

        assertEquals("Restarting all processes on myapp... done\n", cli.run("ps:restart", "-a", "myapp").out());
        assertEquals("{}", controller.last("POST", "/v2/apps/myapp/ps/restart").body());

        CliHarness.Result bad = cli.run("ps:restart", "web.1", "-a", "myapp");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().startsWith("error: invalid process type 'web.1'"), bad.err());
    }

    @Test
    void restartThatFailsItsHealthCheckIsADeployFailure() {
        controller.answer("POST /v2/apps/myapp/ps/restart", 502, ReleasesRollbackTest.DEPLOY_FAILED);

        CliHarness.Result result = cli.run("ps:restart", "web", "-a", "myapp");

        assertEquals(1, result.exitCode());
        assertEquals("Restarting web processes on myapp... !\n", result.out());
        assertTrue(result.err().startsWith("error: deploy failed: web.1 of v8 "), result.err());
        assertTrue(result.err().endsWith("; v7 kept serving\n"), result.err());
    }

    @Test
    void oneOffsComeLastWithTheirCommand() {
        String started = Instant.now().minus(Duration.ofMinutes(125).plusSeconds(30)).toString();
        controller.answer("GET /v2/apps/myapp/ps", 200, "[" + process("web.1", "web", "running", "127.0.0.1:41001", started, 0)
                + ",{\"name\":\"run.4821\",\"type\":\"run\",\"release\":5,\"state\":\"running\",\"startedAt\":\""
                + started + "\",\"restarts\":0,\"memoryBytes\":1048576,\"cpuPercent\":2.5,\"command\":\"sleep 300\"}]");

        CliHarness.Result result = cli.run("ps", "-a", "myapp");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("=== web (1)\n"
                + "NAME   RELEASE  STATE    UPTIME  RESTARTS  MEMORY   CPU   ENDPOINT\n"
                + "web.1  v5       running  2h05m   0         23.0 MB  0.0%  127.0.0.1:41001\n"
                + "\n"
                + "=== run: one-off processes (1)\n"
                + "NAME      RELEASE  STATE    UPTIME  MEMORY  CPU   COMMAND\n"
                + "run.4821  v5       running  2h05m   1.0 MB  2.5%  sleep 300\n", result.out());
    }

    @Test
    void stopAOneOff() {
        controller.answer("DELETE /v2/apps/myapp/runs/run.4821", 204, "");

        CliHarness.Result result = cli.run("ps:stop", "run.4821", "-a", "myapp");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("Stopping run.4821 process on myapp... done\n", result.out());
        assertEquals(1, controller.requests.stream().filter(r -> r.method().equals("DELETE")).count());

        CliHarness.Result bad = cli.run("stop", "run", "-a", "myapp");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().startsWith("error: expected a process as paas ps names it (e.g. run.1234), got 'run'"), bad.err());
    }

    @Test
    void scaleSeveralTypesAtOnce() throws Exception {
        CliHarness.Result result = cli.run("scale", "web=3", "worker=2", "-a", "myapp");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("Scaling myapp: web=3, worker=2... done\n", result.out());
        assertEquals("{\"web\":3,\"worker\":2}", controller.last("PATCH", "/v2/apps/myapp/formation").body());

        JsonNode json = ControllerClient.JSON.readTree(cli.run("scale", "web=3", "worker=2", "-a", "myapp", "--json").out());
        assertEquals(2, json.get("worker").asInt());
    }

    @Test
    void scaleRejectsATypeGivenTwiceAndBadCounts() {
        CliHarness.Result twice = cli.run("scale", "web=3", "web=2", "-a", "myapp");
        assertEquals(2, twice.exitCode());
        assertTrue(twice.err().startsWith("error: web is given twice\n"), twice.err());

        CliHarness.Result negative = cli.run("scale", "web=-1", "-a", "myapp");
        assertEquals(2, negative.exitCode());
        assertTrue(negative.err().startsWith("error: expected TYPE=N (e.g. web=2), got 'web=-1'\n"), negative.err());

        CliHarness.Result noType = cli.run("scale", "=3", "-a", "myapp");
        assertEquals(2, noType.exitCode());
        assertTrue(controller.requests.isEmpty());
    }
}
