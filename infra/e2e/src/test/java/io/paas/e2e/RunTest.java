package io.paas.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * paas run as a user runs it: input piped in and read to its end, output and error output apart,
 * the exit status; in a terminal (a pseudo-terminal made by script) a TTY of the window's size that
 * echoes what is typed and takes Ctrl-C; Ctrl-C without a TTY stops the process; no container is left behind.
 */
class RunTest {
    private static final String APP = "oneoff";

    @Test
    void attachedRunsTakeInputGiveOutputAndLeaveNothingBehind() throws Exception {
        Platform platform = Platform.get();
        Shell shell = platform.shell();
        Path dir = platform.sample("static-app", APP);
        shell.run(dir, "paas", "apps:create", APP).ok();
        shell.run(dir, "git", "push", "paas", "main").ok();
        shell.run(dir, "paas", "config:set", "GREETING=hi").ok();

        Shell.Result piped = shell.run(dir, "bash", "-c", "printf 'hello\\nworld\\n' | paas run cat");
        assertEquals(0, piped.exit(), piped.output());
        assertTrue(piped.output().endsWith("hello\nworld\n"), "the input, read to its end:\n" + piped.output());

        Path err = Files.createTempFile("run-err", ".txt");
        Shell.Result streams = shell.run(dir, "bash", "-c", "paas run 'echo out $GREETING; echo err >&2; exit 3' </dev/null 2>"
                + err);
        assertEquals(3, streams.exit(), streams.output());
        assertEquals("out hi\n", streams.output(), "stdout alone on stdout");
        assertTrue(Files.readString(err).endsWith("err\n"), Files.readString(err));

        // A terminal: script gives paas a pseudo-terminal of 33x101; what is typed goes to the process and is echoed
        Shell.Result tty = shell.run(dir, "bash", "-c", "(sleep 4; printf 'typed\\r') | script -qec "
                + "\"stty rows 33 cols 101; paas run 'read line; stty size; tty; echo got:\\$line; exit 5'\" /dev/null");
        assertEquals(5, tty.exit(), tty.output());
        assertTrue(tty.output().contains("typed\r\n"), "echoed by the remote terminal:\n" + tty.output());
        assertTrue(tty.output().contains("33 101\r\n"), "the window's size:\n" + tty.output());
        assertTrue(tty.output().contains("/dev/pts/"), tty.output());
        assertTrue(tty.output().contains("got:typed\r\n"), tty.output());
        // Ctrl-C typed in that terminal goes to the process (the remote terminal makes it SIGINT)
        Shell.Result interrupted = shell.run(dir, "bash", "-c", "(sleep 5; printf '\\003') | script -qec "
                + "\"paas run 'sleep 100; echo not-\\$((1+1))-reached'\" /dev/null");
        assertEquals(130, interrupted.exit(), interrupted.output());
        assertFalse(interrupted.output().contains("not-2-reached"), interrupted.output());

        // Ctrl-C (no TTY): paas ends, and the platform stops the process and removes its container
        Shell.Background sleeper = shell.start(dir, "env", "--default-signal=INT", "paas", "run", "--no-tty",
                "echo ready-$((6*7)); sleep 300");
        assertTrue(sleeper.awaitOutput("ready-42", 60), sleeper.output());
        assertEquals(1, runContainers(platform), platform.engine("GET", "/containers/json?all=1"));
        assertEquals(130, sleeper.interrupt(), sleeper.output());
        for (int i = 0; i < 50 && runContainers(platform) > 0; i++) {
            Thread.sleep(200);
        }
        assertEquals(0, runContainers(platform), "no one-off container left");
        String logs = shell.run(dir, "paas", "logs", "--type", "run", "-n", "100").ok().output();
        assertTrue(logs.contains("Process stopped: its client went away"), logs);
        assertTrue(logs.contains("Process exited with status 3"), logs);
        shell.run(dir, "paas", "apps:destroy", "--confirm", APP).ok();
    }

    private static int runContainers(Platform platform) {
        String ps = platform.engine("GET", "/containers/json?all=1&filters="
                + java.net.URLEncoder.encode("{\"label\":[\"paas.app=" + APP + "\",\"paas.role=run\"]}",
                java.nio.charset.StandardCharsets.UTF_8));
        return ps.split("\"Id\"", -1).length - 1;
    }
}
