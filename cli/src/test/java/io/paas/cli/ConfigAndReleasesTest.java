package io.paas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.paas.client.ControllerClient;
import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigAndReleasesTest extends LoggedInCliTest {
    @Override
    FakeController answers(FakeController fake) {
        return fake
                .answer("GET /v2/apps/myapp/config", 200, "{\"values\":{\"GREETING\":\"hello\",\"A_LONGER_NAME\":\"x=y\"}}")
                .answer("PATCH /v2/apps/myapp/config", 200, "{\"version\":3,\"summary\":\"Set GREETING\"}")
                .answer("GET /v2/apps/myapp/releases", 200, "[{\"version\":2,\"user\":\"alice\",\"summary\":\"Deploy abc1234\",\"createdAt\":\"2026-11-27T10:05:00Z\"},"
                        + "{\"version\":1,\"user\":\"alice\",\"summary\":\"Initial release\",\"createdAt\":\"2026-11-27T10:00:00Z\"}]")
                .answer("PATCH /v2/apps/myapp/formation", 200, "{\"web\":2,\"worker\":1}")
                .answer("GET /v2/apps/myapp/ps", 200, "[{\"name\":\"paas-myapp-web-1-v2\",\"type\":\"web\",\"release\":2,"
                        + "\"state\":\"running\",\"endpoint\":\"127.0.0.1:41234\",\"startedAt\":\"2026-11-27T10:06:00Z\"}]");
    }

    @Test
    void configSetRejectsBadNamesBeforeCallingTheController() {
        CliHarness.Result result = cli.run("config:set", "GOOD=1", "9BAD=2", "-a", "myapp");

        assertEquals(2, result.exitCode());
        assertEquals("error: invalid config var name '9BAD': use letters, digits and _, not starting with a digit\n"
                + "Run 'paas config:set --help' for usage.\n", result.err());
        assertTrue(controller.requests.isEmpty());
    }

    @Test
    void configSetRejectsArgumentsWithoutEquals() {
        CliHarness.Result result = cli.run("config:set", "GREETING", "-a", "myapp");

        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("error: expected KEY=VALUE, got 'GREETING'\n"), result.err());
    }

    @Test
    void configSetSendsThePatchAndShowsTheRelease() {
        CliHarness.Result result = cli.run("config:set", "GREETING=hello world", "EMPTY=", "URL=a=b", "-a", "myapp");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("Setting GREETING, EMPTY and URL and restarting myapp... done, v3\n"
                + "GREETING: hello world\nEMPTY:    \nURL:      a=b\n", result.out());
        assertEquals("{\"values\":{\"GREETING\":\"hello world\",\"EMPTY\":\"\",\"URL\":\"a=b\"}}",
                controller.last("PATCH", "/v2/apps/myapp/config").body());
    }

    @Test
    void configUnsetSendsNulls() {
        CliHarness.Result result = cli.run("config:unset", "GREETING", "-a", "myapp");

        assertEquals("Unsetting GREETING and restarting myapp... done, v3\n", result.out());
        assertEquals("{\"values\":{\"GREETING\":null}}", controller.last("PATCH", "/v2/apps/myapp/config").body());
    }

    @Test
    void configShowsSortedAlignedVarsAndJson() throws Exception {
        assertEquals("=== myapp Config Vars\nA_LONGER_NAME: x=y\nGREETING:      hello\n", cli.run("config", "-a", "myapp").out());

        JsonNode json = ControllerClient.JSON.readTree(cli.run("config", "-a", "myapp", "--json").out());
        assertEquals(ControllerClient.JSON.readTree("{\"A_LONGER_NAME\":\"x=y\",\"GREETING\":\"hello\"}"), json,
                "a flat object, as Heroku prints it");
    }

    @Test
    void configShellFormatQuotesEveryValueSafely() throws Exception {
        controller.answer("GET /v2/apps/myapp/config", 200,
                "{\"values\":{\"PLAIN\":\"hello\",\"TRICKY\":\"it's $HOME `id` \\\\ \\\"q\\\"\\nline 2\",\"EMPTY\":\"\"}}");

        CliHarness.Result result = cli.run("config", "-s", "-a", "myapp");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("EMPTY=''\nPLAIN='hello'\nTRICKY='it'\\''s $HOME `id` \\ \"q\"\nline 2'\n", result.out());
        // What a shell reads back is the exact value.
        java.nio.file.Files.writeString(cli.workDir.resolve("vars.sh"), result.out());
        Process sh = new ProcessBuilder("sh", "-c", ". ./vars.sh && printf '%s|%s|%s' \"$EMPTY\" \"$PLAIN\" \"$TRICKY\"")
                .directory(cli.workDir.toFile()).start();
        assertEquals("|hello|it's $HOME `id` \\ \"q\"\nline 2", new String(sh.getInputStream().readAllBytes()));
        assertEquals(0, sh.waitFor());

        CliHarness.Result both = cli.run("config", "-s", "--json", "-a", "myapp");
        assertEquals(2, both.exitCode());
        assertTrue(both.err().startsWith("error: give either -s or --json, not both\n"), both.err());
    }

    @Test
    void releasesNShowsTheNewestN() throws Exception {
        CliHarness.Result result = cli.run("releases", "-n", "1", "-a", "myapp");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("=== myapp Releases\n"
                + "VERSION  USER   SUMMARY         CREATED\n"
                + "v2       alice  Deploy abc1234  2026-11-27T10:05:00Z\n", result.out());
        assertEquals(1, ControllerClient.JSON.readTree(cli.run("releases", "--num", "1", "-a", "myapp", "--json").out()).size());
        assertEquals(2, ControllerClient.JSON.readTree(cli.run("releases", "-n", "5", "-a", "myapp", "--json").out()).size());

        CliHarness.Result zero = cli.run("releases", "-n", "0", "-a", "myapp");
        assertEquals(2, zero.exitCode());
        assertTrue(zero.err().startsWith("error: -n must be at least 1, got 0\n"), zero.err());
    }

    @Test
    void configGetPrintsTheValueOrFails() {
        assertEquals("hello\n", cli.run("config:get", "GREETING", "-a", "myapp").out());

        CliHarness.Result missing = cli.run("config:get", "NOPE", "-a", "myapp");
        assertEquals(1, missing.exitCode());
        assertEquals("error: NOPE is not set on myapp\n", missing.err());
    }

    @Test
    void appComesFromTheGitRemote() throws Exception {
        cli.git("", "init", "-q");
        cli.git("", "remote", "add", "paas", "http://127.0.0.1:7101/myapp.git");

        CliHarness.Result result = cli.run("releases");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("=== myapp Releases\n"
                + "VERSION  USER   SUMMARY          CREATED\n"
                + "v2       alice  Deploy abc1234   2026-11-27T10:05:00Z\n"
                + "v1       alice  Initial release  2026-11-27T10:00:00Z\n", result.out());
    }

    @Test
    void appOptionWinsOverTheGitRemote() throws Exception {
        cli.git("", "init", "-q");
        cli.git("", "remote", "add", "paas", "http://127.0.0.1:7101/other.git");

        cli.run("releases", "-a", "myapp");

        assertEquals("/v2/apps/myapp/releases", controller.requests.get(0).path());
    }

    @Test
    void withoutAppOrRemoteTheErrorSaysWhatToDo() throws Exception {
        CliHarness.Result outsideGit = cli.run("releases");
        assertEquals(1, outsideGit.exitCode());
        assertEquals("error: no app given: use -a APP, or run inside the app's git clone\n", outsideGit.err());

        // Inside a repository, telling the user to go into one would be no help.
        cli.git("", "init", "-q");
        assertEquals("error: no app given: no git remote here points at this platform's git server http://127.0.0.1:7101: "
                + "use -a APP, or add the app's remote with paas git:remote -a APP\n", cli.run("ps").err());
        assertTrue(controller.requests.isEmpty());
    }

    @Test
    void apiErrorsAreOneLineWithoutStackTrace() {
        CliHarness.Result result = cli.run("releases", "-a", "ghost");

        assertEquals(1, result.exitCode());
        assertEquals("error: no such thing: /v2/apps/ghost/releases\n", result.err());
        assertFalse(result.err().contains("Exception"));
    }

    @Test
    void unreachableControllerIsOneLine() throws Exception {
        controller.close();

        CliHarness.Result result = cli.run("releases", "-a", "myapp");

        assertEquals(1, result.exitCode());
        assertTrue(result.err().startsWith("error: cannot reach the controller at " + controller.url()), result.err());
        assertEquals(1, result.err().lines().count());
    }

    @Test
    void scaleValidatesAndReportsTheFormation() {
        CliHarness.Result bad = cli.run("scale", "web=two", "-a", "myapp");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().startsWith("error: expected TYPE=N (e.g. web=2), got 'web=two'\n"), bad.err());

        CliHarness.Result result = cli.run("scale", "web=2", "worker=1", "-a", "myapp");
        assertEquals("Scaling myapp: web=2, worker=1... done\n", result.out());
        assertEquals("{\"web\":2,\"worker\":1}", controller.last("PATCH", "/v2/apps/myapp/formation").body());
    }

    @Test
    void psShowsATableAndJson() throws Exception {
        // Grouped by type since issue 3; the uptime column depends on the clock (exact formats: PsCommandsTest).
        String out = cli.run("ps", "-a", "myapp").out();
        assertTrue(out.matches("=== web \\(1\\)\n"
                + "NAME +RELEASE +STATE +UPTIME +RESTARTS +MEMORY +CPU +ENDPOINT\n"
                + "paas-myapp-web-1-v2 +v2 +running +\\w+ +0 +127\\.0\\.0\\.1:41234\n"), out);

        JsonNode json = ControllerClient.JSON.readTree(cli.run("ps", "-a", "myapp", "--json").out());
        assertEquals("running", json.get(0).get("state").asText());
    }

    @Test
    void unknownCommandSuggestsAndExits2() {
        CliHarness.Result result = cli.run("confg");

        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("error: unknown command 'confg'\nDid you mean: paas config"), result.err());
    }
}
