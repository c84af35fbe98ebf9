package io.paas.cli;

import io.paas.cli.auth.GitCredentialSetup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GitCredentialTest {
    @TempDir
    Path temp;
    CliHarness cli;

    @BeforeEach
    void setUp() throws Exception {
        cli = new CliHarness(temp);
        cli.saveLogin("http://127.0.0.1:7100", "http://127.0.0.1:7101");
    }

    @Test
    void getAnswersTheTokenForTheBuilder() {
        CliHarness.Result result = cli.runWithInput("protocol=http\nhost=127.0.0.1:7101\npath=myapp.git\n\n", "git-credential", "get");

        assertEquals(0, result.exitCode());
        assertEquals("username=alice\npassword=tok-123\n", result.out());
    }

    @Test
    void getAnswersNothingForOtherHosts() {
        CliHarness.Result result = cli.runWithInput("protocol=https\nhost=github.com\n\n", "git-credential", "get");

        assertEquals(0, result.exitCode());
        assertEquals("", result.out());
    }

    @Test
    void storeAndEraseDoNothing() {
        assertEquals("", cli.runWithInput("protocol=http\nhost=127.0.0.1:7101\nusername=alice\npassword=x\n\n", "git-credential", "store").out());
        assertEquals("", cli.runWithInput("protocol=http\nhost=127.0.0.1:7101\n\n", "git-credential", "erase").out());
    }

    /** The real path: git itself runs the helper configured by login, through the launcher. */
    @Test
    void gitFillsCredentialsFromTheHelper() throws Exception {
        String helper = GitCredentialSetup.helper(cli.launcher.toString());
        cli.git("", "config", "--global", "--add", "credential.http://127.0.0.1:7101.helper", "");
        cli.git("", "config", "--global", "--add", "credential.http://127.0.0.1:7101.helper", helper);

        String filled = cli.git("protocol=http\nhost=127.0.0.1:7101\n\n", "credential", "fill");

        assertEquals("protocol=http\nhost=127.0.0.1:7101\nusername=alice\npassword=tok-123\n", filled);
    }

    /** git asks to store after every push it authenticated: the shell answers that, no JVM starts. */
    @Test
    void gitStartsTheCliOnlyToGetCredentials() throws Exception {
        Path calls = temp.resolve("calls");
        Path counting = temp.resolve("counting-paas");
        Files.writeString(counting, "#!/bin/sh\necho \"$*\" >> '" + calls + "'\nexec '" + cli.launcher + "' \"$@\"\n");
        counting.toFile().setExecutable(true);
        cli.git("", "config", "--global", "--add", "credential.http://127.0.0.1:7101.helper", "");
        cli.git("", "config", "--global", "--add", "credential.http://127.0.0.1:7101.helper",
                GitCredentialSetup.helper(counting.toString()));

        String filled = cli.git("protocol=http\nhost=127.0.0.1:7101\n\n", "credential", "fill");
        cli.git(filled + "\n", "credential", "approve");
        cli.git(filled + "\n", "credential", "reject");

        assertEquals("username=alice\npassword=tok-123\n", filled.substring(filled.indexOf("username=")));
        assertEquals(List.of("git-credential get"), Files.readAllLines(calls));
    }
}
