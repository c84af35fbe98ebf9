package io.paas.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

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
        String helper = "!'" + cli.launcher + "' git-credential";
        cli.git("", "config", "--global", "--add", "credential.http://127.0.0.1:7101.helper", "");
        cli.git("", "config", "--global", "--add", "credential.http://127.0.0.1:7101.helper", helper);

        String filled = cli.git("protocol=http\nhost=127.0.0.1:7101\n\n", "credential", "fill");

        assertEquals("protocol=http\nhost=127.0.0.1:7101\nusername=alice\npassword=tok-123\n", filled);
    }
}
