package io.paas.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildpacksCommandsTest extends LoggedInCliTest {
    private static final String TWO = "[{\"index\":1,\"url\":\"https://192.0.2.10/bp.git\"},{\"index\":2,\"url\":\"static\"}]";

    @Override
    FakeController answers(FakeController fake) {
        return fake.answer("GET /v2/apps/myapp/buildpacks", 200, TWO)
                .answer("PUT /v2/apps/myapp/buildpacks", 200, TWO);
    }

    private String sent() {
        return controller.last("PUT", "/v2/apps/myapp/buildpacks").body();
    }

    @Test
    void listsThemInOrderOrAsJson() {
        CliHarness.Result result = cli.run("buildpacks", "-a", "myapp");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("=== myapp Buildpack URLs\n1. https://192.0.2.10/bp.git\n2. static\n", result.out());
        assertTrue(cli.run("buildpacks", "-a", "myapp", "--json").out().contains("\"url\" : \"static\""));

        controller.answer("GET /v2/apps/myapp/buildpacks", 200, "[{\"index\":1,\"url\":\"heroku/go\"}]");
        assertEquals("=== myapp Buildpack URL\nheroku/go\n", cli.run("buildpacks", "-a", "myapp").out());
        controller.answer("GET /v2/apps/myapp/buildpacks", 200, "[]");
        assertEquals("myapp has no buildpack set: its builds use BUILDPACK_URL, a .buildpacks file, or detect one.\n",
                cli.run("buildpacks", "-a", "myapp").out());
    }

    @Test
    void setReplacesTheFirstOrTheOneAtTheIndex() {
        CliHarness.Result result = cli.run("buildpacks:set", "heroku/nodejs", "-a", "myapp");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("{\"buildpacks\":[\"heroku/nodejs\",\"static\"]}", sent());
        assertEquals("Buildpack set. Next release on myapp will use:\n  1. https://192.0.2.10/bp.git\n  2. static\n"
                + "Run git push to create a new release using these buildpacks.\n", result.out());

        cli.run("buildpacks:set", "go", "--index", "2", "-a", "myapp");
        assertEquals("{\"buildpacks\":[\"https://192.0.2.10/bp.git\",\"go\"]}", sent());
        cli.run("buildpacks:set", "go", "-i", "9", "-a", "myapp");
        assertEquals("{\"buildpacks\":[\"https://192.0.2.10/bp.git\",\"static\",\"go\"]}", sent());
    }

    @Test
    void addAppendsOrInsertsAtTheIndex() {
        assertEquals(0, cli.run("buildpacks:add", "python", "-a", "myapp").exitCode());
        assertEquals("{\"buildpacks\":[\"https://192.0.2.10/bp.git\",\"static\",\"python\"]}", sent());
        cli.run("buildpacks:add", "python", "-i", "1", "-a", "myapp");
        assertEquals("{\"buildpacks\":[\"python\",\"https://192.0.2.10/bp.git\",\"static\"]}", sent());
    }

    @Test
    void removeByNameOrIndexAndClear() {
        cli.run("buildpacks:remove", "static", "-a", "myapp");
        assertEquals("{\"buildpacks\":[\"https://192.0.2.10/bp.git\"]}", sent());
        cli.run("buildpacks:remove", "--index", "1", "-a", "myapp");
        assertEquals("{\"buildpacks\":[\"static\"]}", sent());

        controller.answer("PUT /v2/apps/myapp/buildpacks", 200, "[]");
        CliHarness.Result cleared = cli.run("buildpacks:clear", "-a", "myapp");
        assertEquals("{\"buildpacks\":[]}", sent());
        assertEquals("Buildpacks cleared. Next release on myapp will detect its buildpack normally.\n", cleared.out());
        assertEquals("", cleared.err());
        controller.answer("GET /v2/apps/myapp/config", 200, "{\"values\":{\"BUILDPACK_URL\":\"heroku/go\"}}");
        assertEquals("warning: the BUILDPACK_URL config var is set: the next release uses it (paas config:unset "
                + "BUILDPACK_URL to detect)\n", cli.run("buildpacks:clear", "-a", "myapp").err());
    }

    @Test
    void mistakesAreCaughtBeforeAnythingChanges() {
        CliHarness.Result twice = cli.run("buildpacks:add", "static", "-a", "myapp");
        assertEquals(1, twice.exitCode());
        assertEquals("error: the buildpack static is already set on myapp\n", twice.err());
        CliHarness.Result missing = cli.run("buildpacks:remove", "go", "-a", "myapp");
        assertEquals("error: no such buildpack on myapp (go): nothing was removed; see paas buildpacks\n", missing.err());
        assertEquals(1, cli.run("buildpacks:remove", "-i", "3", "-a", "myapp").exitCode());
        CliHarness.Result zero = cli.run("buildpacks:add", "go", "-i", "0", "-a", "myapp");
        assertEquals(2, zero.exitCode());
        assertTrue(zero.err().startsWith("error: --index counts from 1, not 0\n"), zero.err());
        assertEquals(2, cli.run("buildpacks:remove", "go", "-i", "1", "-a", "myapp").exitCode());
        assertNull(controller.last("PUT", "/v2/apps/myapp/buildpacks"));
    }

    @Test
    void theControllersRefusalIsOneLine() {
        controller.answer("PUT /v2/apps/myapp/buildpacks", 400, "{\"type\":\"validation_error\",\"title\":\"Invalid request\","
                + "\"status\":400,\"detail\":\"buildpack URL file:///x is refused: file:// URLs would read the platform's own files; give an http(s) URL\"}");
        CliHarness.Result result = cli.run("buildpacks:add", "file:///x", "-a", "myapp");
        assertEquals(1, result.exitCode());
        assertEquals("error: buildpack URL file:///x is refused: file:// URLs would read the platform's own files; "
                + "give an http(s) URL\n", result.err());
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"buildpacks", "buildpacks:set", "buildpacks:add", "buildpacks:remove",
                "buildpacks:clear"}) {
            CliHarness.Result help = cli.run(command, "--help");
            assertEquals(0, help.exitCode(), command);
            assertTrue(help.out().contains("-a, --app=APP"), command + ": " + help.out());
        }
    }
}
