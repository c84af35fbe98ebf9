package io.paas.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StackCommandsTest extends LoggedInCliTest {
    private static final String ON_BOOKWORM =
            "{\"stack\":\"bookworm\",\"defaultStack\":\"bookworm\",\"available\":[\"bookworm\",\"trixie\"]}";
    private static final String ON_TRIXIE =
            "{\"stack\":\"trixie\",\"defaultStack\":\"bookworm\",\"available\":[\"bookworm\",\"trixie\"]}";

    @Override
    FakeController answers(FakeController fake) {
        return fake.answer("GET /v2/apps/myapp/stack", 200, ON_BOOKWORM)
                .answer("PUT /v2/apps/myapp/stack", 200, ON_TRIXIE);
    }

    @Test
    void showsTheAppsStackAmongThoseOnThePlatformOrAsJson() {
        CliHarness.Result result = cli.run("stack", "-a", "myapp");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("=== myapp Available Stacks\n* bookworm (default)\n  trixie\n", result.out());
        assertTrue(cli.run("stack", "-a", "myapp", "--json").out().contains("\"stack\" : \"bookworm\""));
        assertTrue(cli.run("stack", "--help").out().contains("--json"));
    }

    @Test
    void setSendsTheStackAndSaysTheNextPushUsesIt() {
        CliHarness.Result result = cli.run("stack:set", "trixie", "-a", "myapp");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals("{\"stack\":\"trixie\"}", controller.last("PUT", "/v2/apps/myapp/stack").body());
        assertEquals("Setting stack to trixie... done\nYou will need to redeploy myapp for the change to take effect.\n"
                + "Run git push to trigger a new build on the trixie stack.\n", result.out());
    }

    @Test
    void aRefusalIsOneErrorLine() {
        controller.answer("PUT /v2/apps/myapp/stack", 422, "{\"type\":\"unprocessable\",\"title\":\"Unprocessable\","
                + "\"status\":422,\"detail\":\"the trixie stack is not on this platform (stacks here: bookworm): an operator"
                + " adds it with `infra/platform.sh stack trixie`\"}");
        CliHarness.Result result = cli.run("stack:set", "trixie", "-a", "myapp");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("error: the trixie stack is not on this platform (stacks here: bookworm): an operator"
                + " adds it with `infra/platform.sh stack trixie`"), result.err());
    }
}
