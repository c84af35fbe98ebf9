package io.paas.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthCommandsTest {
    @TempDir
    Path temp;
    FakeController controller;
    CliHarness cli;

    @BeforeEach
    void start() throws Exception {
        controller = new FakeController()
                .answer("GET /v2/info", 200, "{\"version\":\"0.1\",\"domain\":\"localhost\",\"routerUrl\":\"http://localhost:7180\",\"builderUrl\":\"http://127.0.0.1:7101/\"}")
                .answer("POST /v2/auth/login", 200, "{\"username\":\"alice\",\"token\":\"tok-123\"}")
                .answer("POST /v2/auth/register", 201, "{\"username\":\"alice\",\"token\":\"tok-123\"}")
                .answer("GET /v2/auth/whoami", 200, "{\"username\":\"alice\",\"admin\":true}");
        cli = new CliHarness(temp);
    }

    @AfterEach
    void stop() {
        controller.close();
    }

    @Test
    void loginWritesAPrivateConfigAndMakesGitUseTheCli() throws Exception {
        CliHarness.Result result = cli.run("login", controller.url() + "/", "--username", "alice", "--password", "s3cret");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("Logged in as alice\nGit credentials configured for http://127.0.0.1:7101\n", result.out());
        assertEquals("{\"username\":\"alice\",\"password\":\"s3cret\"}", controller.last("POST", "/v2/auth/login").body());

        Path file = cli.configDir.resolve("config.json");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(cli.configDir)));
        String config = Files.readString(file);
        assertTrue(config.contains("\"controller\" : \"" + controller.url() + "\""), config);
        assertTrue(config.contains("\"token\" : \"tok-123\""), config);
        assertTrue(config.contains("\"builderUrl\" : \"http://127.0.0.1:7101\""), config);

        String helpers = cli.git("", "config", "--global", "--get-all", "credential.http://127.0.0.1:7101.helper");
        assertEquals("\n!f() { test \"$1\" = get || exit 0; exec '" + cli.launcher + "' git-credential \"$@\"; }; f\n",
                helpers);
        assertEquals("alice\n", cli.git("", "config", "--global", "credential.http://127.0.0.1:7101.username"));
    }

    @Test
    void loggingInTwiceKeepsOneHelper() throws Exception {
        cli.run("login", controller.url(), "-u", "alice", "-p", "x");
        cli.run("login", controller.url(), "-u", "alice", "-p", "x");

        String helpers = cli.git("", "config", "--global", "--get-all", "credential.http://127.0.0.1:7101.helper");
        assertEquals(2, helpers.split("\n", -1).length - 1, helpers);
    }

    @Test
    void registerReadsThePasswordFromStdin() {
        CliHarness.Result result = cli.runWithInput("pw from stdin\n", "register", controller.url(), "-u", "alice", "--password-stdin");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("Registered alice at " + controller.url() + "\nLogged in as alice\n"), result.out());
        assertEquals("{\"username\":\"alice\",\"password\":\"pw from stdin\"}", controller.last("POST", "/v2/auth/register").body());
    }

    @Test
    void withoutPasswordOrTerminalLoginSaysWhatToDo() {
        CliHarness.Result result = cli.run("login", controller.url(), "-u", "alice");

        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("error: no terminal to ask for the password: use --password-stdin or --password\n"), result.err());
    }

    @Test
    void wrongPasswordIsOneErrorLine() {
        controller.answer("POST /v2/auth/login", 401, "{\"type\":\"unauthorized\",\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"wrong username or password\"}");

        CliHarness.Result result = cli.run("login", controller.url(), "-u", "alice", "-p", "nope");

        assertEquals(1, result.exitCode());
        assertEquals("error: wrong username or password\n", result.err());
        assertFalse(Files.exists(cli.configDir.resolve("config.json")));
    }

    @Test
    void whoamiSendsTheTokenAndLogoutForgetsIt() throws Exception {
        cli.saveLogin(controller.url(), null);

        CliHarness.Result whoami = cli.run("whoami");
        assertEquals("alice\n", whoami.out());
        assertEquals("Bearer tok-123", controller.last("GET", "/v2/auth/whoami").authorization());

        assertEquals("Logged out alice\n", cli.run("logout").out());
        CliHarness.Result after = cli.run("whoami");
        assertEquals(1, after.exitCode());
        assertEquals("error: not logged in: run paas login URL --username NAME\n", after.err());
        assertFalse(Files.readString(cli.configDir.resolve("config.json")).contains("tok-123"));
    }
}
