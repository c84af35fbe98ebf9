package io.paas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.paas.client.ControllerClient;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The argument forms and short commands a Heroku user types. */
class HerokuFormsTest extends LoggedInCliTest {
    static final String INFO = "{\"app\":" + AppsCommandsTest.APP + ",\"release\":{\"version\":3},\"formation\":{\"web\":2},\"processes\":[]}";

    @Override
    FakeController answers(FakeController fake) {
        return fake
                .answer("GET /v2/apps/myapp", 200, INFO)
                .answer("POST /v2/apps", 201, AppsCommandsTest.APP)
                .answer("DELETE /v2/apps/myapp", 204, "")
                .answer("POST /v2/apps/myapp/ps/restart", 200, "[]")
                .answer("GET /v2/apps/myapp/formation", 200, "{\"worker\":0,\"web\":2}")
                .answer("PATCH /v2/apps/myapp/formation", 200, "{\"web\":3,\"worker\":0}");
    }

    @Test
    void infoTakesTheAppAsItsArgument() {
        for (String command : new String[] {"apps:info", "info"}) {
            CliHarness.Result result = cli.run(command, "myapp");
            assertEquals(0, result.exitCode(), command + ": " + result.err());
            assertTrue(result.out().startsWith("=== myapp\nOwner:     alice\n"), result.out());
        }
        assertEquals(0, cli.run("info", "myapp", "-a", "myapp").exitCode(), "the same app twice is fine");

        CliHarness.Result twoApps = cli.run("apps:info", "myapp", "-a", "other");
        assertEquals(2, twoApps.exitCode());
        assertTrue(twoApps.err().startsWith("error: two apps given: myapp and -a other\n"), twoApps.err());
    }

    @Test
    void destroyTakesTheAppAsItsArgumentAndRemovesEveryRemoteOfIt() throws Exception {
        cli.git("", "init", "-q");
        cli.git("", "remote", "add", "paas", "http://127.0.0.1:7101/myapp.git");
        cli.git("", "remote", "add", "production", "http://127.0.0.1:7101/myapp.git");
        cli.git("", "remote", "add", "staging", "http://127.0.0.1:7101/myapp-staging.git");

        CliHarness.Result result = cli.run("apps:destroy", "myapp", "--confirm", "myapp");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("Destroying app myapp (including all its processes and releases)... done\n"
                + "Git remote paas removed\nGit remote production removed\n", result.out());
        assertEquals("staging\n", cli.git("", "remote"));
        assertNotNull(controller.last("DELETE", "/v2/apps/myapp"));
    }

    @Test
    void destroyShortFormStillWantsTheConfirmation() {
        CliHarness.Result refused = cli.run("destroy", "myapp", "--confirm", "other");
        assertEquals(1, refused.exitCode());
        assertNull(controller.last("DELETE", "/v2/apps/myapp"));

        CliHarness.Result result = cli.run("destroy", "myapp", "--confirm", "myapp");
        assertEquals(0, result.exitCode(), result.err());
        assertNotNull(controller.last("DELETE", "/v2/apps/myapp"));
    }

    @Test
    void createRestartAndPsScaleShortForms() {
        CliHarness.Result create = cli.run("create", "myapp");
        assertEquals(0, create.exitCode(), create.err());
        assertTrue(create.out().startsWith("Creating app myapp... done\n"), create.out());

        CliHarness.Result restart = cli.run("restart", "-a", "myapp");
        assertEquals("Restarting all processes on myapp... done\n", restart.out());

        CliHarness.Result scale = cli.run("ps:scale", "web=3", "-a", "myapp");
        assertEquals("Scaling myapp: web=3... done\n", scale.out());
        assertEquals("{\"web\":3}", controller.last("PATCH", "/v2/apps/myapp/formation").body());
    }

    @Test
    void scaleWithoutArgumentsShowsTheFormation() throws Exception {
        for (String command : new String[] {"scale", "ps:scale"}) {
            CliHarness.Result result = cli.run(command, "-a", "myapp");
            assertEquals(0, result.exitCode(), result.err());
            assertEquals("web=2 worker=0\n", result.out());
        }
        JsonNode json = ControllerClient.JSON.readTree(cli.run("scale", "-a", "myapp", "--json").out());
        assertEquals(ControllerClient.JSON.readTree("{\"web\":2,\"worker\":0}"), json);
        assertNull(controller.last("PATCH", "/v2/apps/myapp/formation"));

        controller.answer("GET /v2/apps/myapp/formation", 200, "{}");
        assertEquals("No process types on myapp yet: deploy with git push, then paas scale web=1\n",
                cli.run("scale", "-a", "myapp").out());
    }

    @Test
    void helpListsCommandsAndShowsOne() {
        CliHarness.Result all = cli.run("help");
        assertEquals(0, all.exitCode(), all.err());
        assertTrue(all.out().startsWith("Usage: paas"), all.out());
        assertTrue(all.out().contains("apps:create, create"), all.out());
        assertTrue(all.out().contains("git:remote"), all.out());

        CliHarness.Result one = cli.run("help", "config");
        assertEquals(0, one.exitCode(), one.err());
        assertTrue(one.out().startsWith("Usage: paas config"), one.out());
        assertTrue(one.out().contains("-s, --shell"), one.out());
        assertEquals(cli.run("config", "--help").out(), one.out());

        CliHarness.Result unknown = cli.run("help", "confg");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().startsWith("error: Unknown subcommand 'confg'"), unknown.err());
    }

    @Test
    void openPrintsTheUrlInAHeadlessShell() {
        cli.env.remove("DISPLAY");
        cli.env.remove("WAYLAND_DISPLAY");

        CliHarness.Result result = cli.run("open", "-a", "myapp");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("http://myapp.localhost:7180\n", result.out());

        assertEquals("http://myapp.localhost:7180/health\n", cli.run("apps:open", "health", "-a", "myapp").out());
        assertEquals("http://myapp.localhost:7180/a/b?c=1\n", cli.run("apps:open", "/a/b?c=1", "-a", "myapp").out());
    }

    @Test
    void openHandsTheUrlToTheDesktopsBrowser() throws Exception {
        Path bin = Files.createDirectories(cli.root.resolve("fake-bin"));
        Path opened = cli.root.resolve("opened.txt");
        Path xdgOpen = bin.resolve("xdg-open");
        Files.writeString(xdgOpen, "#!/bin/sh\nprintf '%s' \"$1\" > '" + opened + "'\n");
        assertTrue(xdgOpen.toFile().setExecutable(true));
        cli.env.put("PATH", bin + ":" + cli.env.get("PATH"));
        cli.env.put("DISPLAY", ":99");

        CliHarness.Result result = cli.run("open", "-a", "myapp");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("Opening http://myapp.localhost:7180\n", result.out());
        assertEquals("http://myapp.localhost:7180", Files.readString(opened));
    }

    @Test
    void gitRemoteGivesAFreshCloneItsRemoteBack() throws Exception {
        cli.git("", "init", "-q");

        CliHarness.Result added = cli.run("git:remote", "-a", "myapp");
        assertEquals(0, added.exitCode(), added.err());
        assertEquals("Git remote paas added: http://127.0.0.1:7101/myapp.git\n", added.out());
        assertEquals("http://127.0.0.1:7101/myapp.git\n", cli.git("", "remote", "get-url", "paas"));

        assertEquals("Git remote paas updated: http://127.0.0.1:7101/myapp.git\n", cli.run("git:remote", "-a", "myapp").out());

        CliHarness.Result named = cli.run("git:remote", "-a", "myapp", "-r", "production");
        assertEquals("Git remote production added: http://127.0.0.1:7101/myapp.git\n", named.out());
        assertEquals("http://127.0.0.1:7101/myapp.git\n", cli.git("", "remote", "get-url", "production"));
        assertEquals("=== myapp", cli.run("info").out().lines().findFirst().orElse(""), "both remotes name the same app");
    }

    @Test
    void gitRemoteSaysWhatIsMissing() {
        CliHarness.Result outside = cli.run("git:remote", "-a", "myapp");
        assertEquals(1, outside.exitCode());
        assertEquals("error: not inside a git repository: cd into the app's clone (or git init) first\n", outside.err());

        CliHarness.Result noApp = cli.run("git:remote");
        assertEquals(2, noApp.exitCode());
        assertTrue(noApp.err().startsWith("error: Missing required option: '--app=APP'\n"), noApp.err());
        assertTrue(controller.requests.isEmpty());
    }
}
