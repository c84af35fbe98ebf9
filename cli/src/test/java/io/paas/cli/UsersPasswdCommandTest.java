package io.paas.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** paas users:passwd: an admin sets another user's password, read as paas passwd reads one. */
class UsersPasswdCommandTest extends LoggedInCliTest {
    @Override
    FakeController answers(FakeController fake) {
        return fake.answer("PUT /v2/users/bob/password", 204, "")
                .answer("PUT /v2/users/carol/password", 403, "{\"type\":\"forbidden\",\"title\":\"Forbidden\",\"status\":403,"
                        + "\"detail\":\"only a platform admin may do this\"}");
    }

    @Test
    void setsThePasswordReadFromStandardInputAndSaysTheTokensWereRevoked() {
        CliHarness.Result result = cli.runWithInput("n3w-pass-word\n", "users:passwd", "bob", "--password-stdin");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("Setting the password of bob... done\nbob's tokens were revoked: they log in again with the new password.\n",
                result.out());
        assertEquals("{\"newPassword\":\"n3w-pass-word\"}", controller.last("PUT", "/v2/users/bob/password").body());
    }

    @Test
    void aRefusalIsTheApisMessageAndNoTerminalMeansNoPrompt() {
        CliHarness.Result refused = cli.run("users:passwd", "carol", "--password", "n3w-pass-word");
        assertEquals(1, refused.exitCode());
        assertTrue(refused.err().contains("only a platform admin may do this"), refused.err());

        CliHarness.Result noTerminal = cli.run("users:passwd", "bob");
        assertEquals(2, noTerminal.exitCode());
        assertTrue(noTerminal.err().contains("no terminal to ask for the password"), noTerminal.err());
        assertTrue(cli.run("users:passwd", "--help").out().contains("every token of theirs stops working"));
    }
}
