package io.paas.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PAAS_CONTROLLER_URL names the controller for every command, and the token goes to no other. */
class ControllerUrlEnvTest extends LoggedInCliTest {
    @Override
    FakeController answers(FakeController fake) {
        return fake
                .answer("GET /v2/apps/myapp/releases", 200, "[]")
                .answer("GET /v2/auth/whoami", 200, "{\"username\":\"alice\",\"admin\":false}")
                .answer("GET /v2/info", 200, "{\"builderUrl\":\"http://127.0.0.1:7101\"}")
                .answer("POST /v2/auth/login", 200, "{\"username\":\"alice\",\"token\":\"tok-456\"}");
    }

    @Test
    void commandsUseTheControllerItNames() {
        cli.env.put("PAAS_CONTROLLER_URL", controller.url().replace("http://", "") + "/");

        CliHarness.Result result = cli.run("releases", "-a", "myapp");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("Bearer tok-123", controller.last("GET", "/v2/apps/myapp/releases").authorization());
    }

    @Test
    void anotherControllerAsksForALoginThereAndGetsNoToken() throws Exception {
        try (FakeController other = new FakeController()) {
            cli.env.put("PAAS_CONTROLLER_URL", other.url());

            for (String[] command : new String[][] {{"releases", "-a", "myapp"}, {"whoami"}, {"apps"}}) {
                CliHarness.Result result = cli.run(command);
                assertEquals(1, result.exitCode(), String.join(" ", command));
                assertEquals("error: not logged in to " + other.url() + " (PAAS_CONTROLLER_URL): run paas login "
                        + other.url() + " --username NAME, or unset PAAS_CONTROLLER_URL\n", result.err());
            }
            assertTrue(other.requests.isEmpty());
            assertTrue(controller.requests.isEmpty());
        }
    }

    @Test
    void loginGoesToItBeforeTheLastOneUsed() throws Exception {
        cli.saveLogin("http://127.0.0.1:9", "http://127.0.0.1:7101");
        cli.env.put("PAAS_CONTROLLER_URL", controller.url());

        CliHarness.Result login = cli.run("login", "--username", "alice", "--password-stdin");
        assertEquals(1, login.exitCode(), "no password on stdin: " + login.err());
        CliHarness.Result withPassword = cli.runWithInput("s3cret\n", "login", "--username", "alice", "--password-stdin");

        assertEquals(0, withPassword.exitCode(), withPassword.err());
        assertEquals("{\"username\":\"alice\",\"password\":\"s3cret\"}", controller.last("POST", "/v2/auth/login").body());
        assertEquals("Bearer tok-456", authorizationOf(cli.run("whoami")));
    }

    private String authorizationOf(CliHarness.Result result) {
        assertEquals(0, result.exitCode(), result.err());
        return controller.last("GET", "/v2/auth/whoami").authorization();
    }
}
