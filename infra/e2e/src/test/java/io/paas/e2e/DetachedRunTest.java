package io.paas.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.paas.client.ControllerClient;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * paas run --detach as a user drives it: the one-off runs in the background, paas ps lists it as
 * run.N with its command, its output comes in paas logs, and paas ps:stop run.N ends it (its
 * container gone, its end in the log). It runs within the platform's default size (512 MB, 1 CPU).
 */
class DetachedRunTest {
    private static final String APP = "detached";
    private static final Pattern RUN = Pattern.compile("up, (run\\.\\d{4})");

    @Test
    void aDetachedRunIsListedInPsLogsAndIsStopped() throws Exception {
        long started = System.nanoTime();
        Platform platform = Platform.get();
        Shell shell = platform.shell();
        Path dir = platform.sample("static-app", APP);
        shell.run(dir, "paas", "apps:create", APP).ok();
        shell.run(dir, "git", "push", "paas", "main").ok();
        long pushed = System.nanoTime();

        Shell.Result run = shell.run(dir, "paas", "run", "--detach", "echo", "detached says hi;", "sleep", "120").ok();
        Matcher m = RUN.matcher(run.output());
        assertTrue(m.find(), run.output());
        String process = m.group(1);
        assertTrue(run.output().contains("paas ps:stop " + process + " -a " + APP), run.output());

        String ps = awaitPs(shell, dir, process + " ");
        assertTrue(ps.contains("=== run: one-off processes (1)"), ps);
        assertTrue(ps.lines().anyMatch(l -> l.startsWith(process + " ") && l.contains(" running ")
                && l.endsWith("echo detached says hi; sleep 120")), ps);
        JsonNode listed = null;
        for (JsonNode p : ControllerClient.JSON.readTree(shell.run(dir, "paas", "ps", "--json").ok().output())) {
            if (process.equals(p.path("name").asText())) {
                listed = p;
            }
        }
        assertTrue(listed != null && "run".equals(listed.path("type").asText())
                && listed.path("memoryBytes").asLong() > 0, String.valueOf(listed));
        LogsTest.awaitLogs(shell, dir, "app[" + process + "]: detached says hi");

        // the engine's own word on its limits: the platform's defaults, as this app sets none for web
        JsonNode containers = oneOffContainers(platform);
        assertEquals(1, containers.size(), containers.toString());
        JsonNode host = ControllerClient.JSON.readTree(platform.engine("GET",
                "/containers/" + containers.get(0).path("Id").asText() + "/json")).path("HostConfig");
        assertEquals(512L * 1024 * 1024, host.path("Memory").asLong(), host.toString());
        assertEquals(1_000_000_000L, host.path("NanoCpus").asLong(), host.toString());

        Shell.Result stop = shell.run(dir, "paas", "ps:stop", process).ok();
        assertEquals("Stopping " + process + " process on " + APP + "... done\n", stop.output());
        String logs = LogsTest.awaitLogs(shell, dir, "platform[" + process + "]: Process exited with status 143");
        assertTrue(logs.contains("platform[" + process + "]: Stopping process: stopped by "), logs);
        assertEquals(0, oneOffContainers(platform).size());
        assertTrue(!shell.run(dir, "paas", "ps").ok().output().contains(process));

        shell.run(dir, "paas", "apps:destroy", "--confirm", APP).ok();
        System.out.printf("DetachedRunTest: push %.1f s, run to stop %.1f s%n", (pushed - started) / 1e9,
                (System.nanoTime() - pushed) / 1e9);
    }

    private static JsonNode oneOffContainers(Platform platform) throws Exception {
        String filters = URLEncoder.encode("{\"label\":[\"paas.platform=" + platform.platformId + "\",\"paas.app=" + APP
                + "\",\"paas.role=run\"]}", StandardCharsets.UTF_8);
        return ControllerClient.JSON.readTree(platform.engine("GET", "/containers/json?all=true&filters=" + filters));
    }

    private static String awaitPs(Shell shell, Path dir, String text) throws InterruptedException {
        String ps = "";
        for (int i = 0; i < 40; i++) {
            ps = shell.run(dir, "paas", "ps").ok().output();
            if (ps.contains(text)) {
                return ps;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not in paas ps after 10 s: " + text + "\n" + ps);
    }
}
