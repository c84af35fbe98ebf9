package io.paas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.paas.client.ControllerClient;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppsCommandsTest extends LoggedInCliTest {
    static final String APP = "{\"name\":\"myapp\",\"owner\":\"alice\",\"url\":\"http://myapp.localhost:7180\","
            + "\"gitUrl\":\"http://127.0.0.1:7101/myapp.git\",\"createdAt\":\"2026-11-27T10:00:00.123456Z\"}";

    @Override
    FakeController answers(FakeController fake) {
        return fake
                .answer("GET /v2/apps", 200, "[" + APP + "]")
                .answer("POST /v2/apps", 201, APP)
                .answer("DELETE /v2/apps/myapp", 204, "");
    }

    @Test
    void createInsideAGitRepoAddsTheRemote() throws Exception {
        cli.git("", "init", "-q");

        CliHarness.Result result = cli.run("apps:create", "myapp");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("Creating app myapp... done\n"
                + "http://myapp.localhost:7180 | http://127.0.0.1:7101/myapp.git\n"
                + "Git remote paas added: http://127.0.0.1:7101/myapp.git\n", result.out());
        assertEquals("{\"name\":\"myapp\"}", controller.last("POST", "/v2/apps").body());
        assertEquals("http://127.0.0.1:7101/myapp.git\n", cli.git("", "remote", "get-url", "paas"));
    }

    @Test
    void createUpdatesAnExistingRemote() throws Exception {
        cli.git("", "init", "-q");
        cli.git("", "remote", "add", "paas", "http://old.example/other.git");

        CliHarness.Result result = cli.run("apps:create");

        assertTrue(result.out().startsWith("Creating app... done, myapp\n"), result.out());
        assertTrue(result.out().endsWith("Git remote paas updated: http://127.0.0.1:7101/myapp.git\n"), result.out());
        assertEquals("{}", controller.last("POST", "/v2/apps").body());
        assertEquals("http://127.0.0.1:7101/myapp.git\n", cli.git("", "remote", "get-url", "paas"));
    }

    @Test
    void createWithNoRemoteOrOutsideGitAddsNone() throws Exception {
        CliHarness.Result outside = cli.run("apps:create", "myapp");
        assertEquals(0, outside.exitCode(), outside.err());
        assertTrue(!outside.out().contains("Git remote"), outside.out());

        cli.git("", "init", "-q");
        cli.run("apps:create", "myapp", "--no-remote");
        assertEquals("", cli.git("", "remote"));
    }

    @Test
    void createFailureShowsTheControllersMessage() {
        controller.answer("POST /v2/apps", 409, "{\"type\":\"conflict\",\"title\":\"Conflict\",\"status\":409,\"detail\":\"app name myapp is taken\"}");

        CliHarness.Result result = cli.run("apps:create", "myapp");

        assertEquals(1, result.exitCode());
        assertEquals("Creating app myapp... !\n", result.out());
        assertEquals("error: app name myapp is taken\n", result.err());
    }

    @Test
    void appsJsonIsTheApiAnswer() throws Exception {
        CliHarness.Result result = cli.run("apps", "--json");

        assertEquals(0, result.exitCode(), result.err());
        JsonNode apps = ControllerClient.JSON.readTree(result.out());
        assertEquals(1, apps.size());
        assertEquals("myapp", apps.get(0).get("name").asText());
        assertEquals("http://127.0.0.1:7101/myapp.git", apps.get(0).get("gitUrl").asText());
    }

    @Test
    void appsListsNames() {
        assertEquals("=== Apps\nmyapp\n", cli.run("apps").out());
    }

    @Test
    void infoShowsTheAppFromTheGitRemote() throws Exception {
        controller.answer("GET /v2/apps/myapp", 200, "{\"app\":" + APP + ",\"release\":{\"version\":3,\"summary\":\"deploy\"},"
                + "\"formation\":{\"web\":2},\"processes\":[]}");
        cli.git("", "init", "-q");
        cli.git("", "remote", "add", "paas", "http://127.0.0.1:7101/myapp.git");

        CliHarness.Result result = cli.run("apps:info");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("=== myapp\n"
                + "Owner:     alice\n"
                + "Web URL:   http://myapp.localhost:7180\n"
                + "Git URL:   http://127.0.0.1:7101/myapp.git\n"
                + "Release:   v3\n"
                + "Processes: web=2\n"
                + "Created:   2026-11-27T10:00:00Z\n", result.out());
    }

    @Test
    void destroyRefusesWithoutMatchingConfirm() {
        CliHarness.Result result = cli.run("apps:destroy", "-a", "myapp", "--confirm", "other");

        assertEquals(1, result.exitCode());
        assertTrue(result.err().startsWith("error: confirmation did not match myapp"), result.err());
        assertTrue(result.err().contains("paas apps:destroy -a myapp --confirm myapp"), result.err());
        assertNull(controller.last("DELETE", "/v2/apps/myapp"));
    }

    @Test
    void destroyWithConfirmDeletesAndRemovesTheRemote() throws Exception {
        cli.git("", "init", "-q");
        cli.git("", "remote", "add", "paas", "http://127.0.0.1:7101/myapp.git");

        CliHarness.Result result = cli.run("apps:destroy", "--confirm", "myapp");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("Destroying app myapp (including all its processes and releases)... done\nGit remote paas removed\n", result.out());
        assertEquals("", cli.git("", "remote"));
    }
}
