package io.paas.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * paas logs as a user reads it: lines of two process types tagged app[web.1] and app[worker.1] in
 * time order; --tail receives what is printed after it started, and still follows after a
 * redeploy; a crash says its exit status; the log is still there after the controller restarts;
 * paas run prints a one-off's output and ends with its exit status.
 */
class LogsTest {
    private static final String APP = "logbook";

    @Test
    void linesOfTwoProcessTypesArriveTaggedFollowedThroughARedeployAndKeptAcrossARestart() throws Exception {
        Platform platform = Platform.get();
        Shell shell = platform.shell();
        Path dir = platform.sample("static-app", APP);
        Files.writeString(dir.resolve("Procfile"), "worker: i=0; while true; do i=$((i+1)); echo tick $i; sleep 1; done\n");
        platform.commitAll(dir, "a worker that ticks");
        shell.run(dir, "paas", "apps:create", APP).ok();
        shell.run(dir, "git", "push", "paas", "main").ok();
        shell.run(dir, "paas", "scale", "worker=1").ok();
        platform.curl(APP);

        String logs = awaitLogs(shell, dir, "app[worker.1]: tick 2");
        logs = awaitLogs(shell, dir, " router: at=info method=GET path=\"/\" host=" + APP + ".localhost");
        assertTrue(logs.matches("(?s).*router: at=info method=GET path=\"/\" host=" + APP
                + "\\.localhost request_id=\\S+ fwd=\"[^\"]+\" dyno=\\S+ status=200 bytes=\\d+ service=\\d+ms protocol=http\n.*"), logs);
        assertTrue(logs.matches("(?s).*\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z app\\[worker\\.1\\]: tick 1\n.*"), logs);
        assertTrue(logs.contains(" app[web.1]: "), "nginx's own lines: " + logs);
        assertTrue(logs.contains("platform: Scaled to worker=1"), logs);
        List<String> times = logs.lines().map(l -> l.substring(0, l.indexOf(' '))).toList();
        assertEquals(times.stream().sorted().toList(), times, "ordered by time:\n" + logs);
        String onlyWorker = shell.run(dir, "paas", "logs", "--type", "worker", "-n", "3").ok().output();
        assertEquals(3, onlyWorker.lines().count(), onlyWorker);
        assertTrue(onlyWorker.lines().allMatch(l -> l.contains(" app[worker.1]: tick ")), onlyWorker);

        // As from a terminal: a run started in the background (nohup, `&`) inherits SIGINT ignored, and the
        // JVM then keeps it ignored (as it should for nohup); env gives the command the default back.
        Shell.Background tail = shell.start(dir, "env", "--default-signal=INT", "paas", "logs", "--tail", "-n", "0",
                "--type", "worker");
        int next = lastTick(shell, dir) + 3;
        assertTrue(tail.awaitOutput("tick " + next, 30), "a line printed after --tail started:\n" + tail.output());
        shell.run(dir, "paas", "config:set", "GREETING=again").ok();
        // the new release's worker starts counting again, and the same --tail sees it
        assertTrue(tail.awaitOutput("app[worker.1]: tick 1\n", 30), "followed through the redeploy:\n" + tail.output());
        int exit = tail.interrupt();
        assertEquals(130, exit, "Ctrl-C ends it:\n" + tail.output());
        assertFalse(tail.output().contains("Exception"), tail.output());

        Files.writeString(dir.resolve("Procfile"), "worker: echo about to fail; sleep 2; exit 3\n");
        platform.commitAll(dir, "a worker that fails");
        shell.run(dir, "git", "push", "paas", "main").ok();
        awaitLogs(shell, dir, "platform[worker.1]: Process crashed: exited with status 3");

        platform.restartController();
        String after = shell.run(dir, "paas", "logs", "-n", "1000").ok().output();
        assertTrue(after.contains("app[worker.1]: tick 2"), "still there after a restart:\n" + after);
        // paas run: a one-off of the serving release, with its config; the CLI ends with its exit status
        Shell.Result run = shell.run(dir, "paas", "run", "echo", "one-off says $GREETING;", "exit", "4");
        assertEquals(4, run.exit(), run.output());
        assertTrue(run.output().contains("one-off says again"), run.output());
        assertTrue(run.output().matches("(?s)Running `echo one-off says \\$GREETING; exit 4` on " + APP + "\\.\\.\\. up, run\\.\\d{4}\n.*"),
                run.output());
        shell.run(dir, "paas", "apps:destroy", "--confirm", APP).ok();
    }

    static String awaitLogs(Shell shell, Path dir, String text) throws InterruptedException {
        String logs = "";
        for (int i = 0; i < 60; i++) {
            logs = shell.run(dir, "paas", "logs", "-n", "1000").ok().output();
            if (logs.contains(text)) {
                return logs;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("not in paas logs after 30 s: " + text + "\n" + logs);
    }

    private static int lastTick(Shell shell, Path dir) {
        String last = shell.run(dir, "paas", "logs", "--type", "worker", "-n", "1").ok().output().strip();
        return Integer.parseInt(last.substring(last.lastIndexOf(' ') + 1));
    }
}
