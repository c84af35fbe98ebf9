package io.paas.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DrainsCommandsTest extends LoggedInCliTest {
    private static final String TOKEN = "d.9173ea1f-6f14-4976-9cf0-7cd0dafdcdbc";

    @Override
    FakeController answers(FakeController fake) {
        return fake
                .answer("GET /v2/apps/myapp/drains", 200, "[{\"token\":\"" + TOKEN + "\",\"url\":\"syslog+tls://logs.example.com:6514\","
                        + "\"createdAt\":\"2026-12-04T10:00:00Z\",\"createdBy\":\"alice\"}]")
                .answer("POST /v2/apps/myapp/drains", 201, "{\"token\":\"" + TOKEN + "\",\"url\":\"https://logs.example.com/in\"}")
                .answer("DELETE /v2/apps/myapp/drains/syslog%2Btls%3A%2F%2Flogs.example.com%3A6514", 204, "")
                .answer("DELETE /v2/apps/myapp/drains/" + TOKEN, 204, "");
    }

    @Test
    void drainsListsEachUrlWithItsTokenAsHerokuDoes() {
        CliHarness.Result result = cli.run("drains", "-a", "myapp");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("=== myapp Drains\nsyslog+tls://logs.example.com:6514 (" + TOKEN + ")\n", result.out());
        assertTrue(cli.run("drains", "-a", "myapp", "--json").out().contains("\"token\" : \"" + TOKEN + "\""));
    }

    @Test
    void drainsAddSendsTheUrlAndShowsTheToken() {
        CliHarness.Result result = cli.run("drains:add", "https://logs.example.com/in", "-a", "myapp");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("Adding drain https://logs.example.com/in to myapp... done\nIts token, sent with every line: " + TOKEN + "\n",
                result.out());
        assertEquals("{\"url\":\"https://logs.example.com/in\"}", controller.last("POST", "/v2/apps/myapp/drains").body());
    }

    @Test
    void drainsAddRefusesWhatIsNoUrlBeforeCallingTheController() {
        CliHarness.Result result = cli.run("drains:add", "logs.example.com", "-a", "myapp");

        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("error: expected a drain URL like syslog+tls://"), result.err());
        assertTrue(controller.requests.isEmpty());
    }

    @Test
    void drainsRemoveByUrlOrToken() {
        assertEquals(0, cli.run("drains:remove", "syslog+tls://logs.example.com:6514", "-a", "myapp").exitCode());
        CliHarness.Result result = cli.run("drains:remove", TOKEN, "-a", "myapp");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("Removing drain " + TOKEN + " from myapp... done\n", result.out());
    }
}
