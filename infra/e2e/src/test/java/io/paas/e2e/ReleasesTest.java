package io.paas.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Releases without downtime, as a user sees them: a bounded load through the router while the
 * app is redeployed, scaled, rolled back, restarted and while the controller restarts; failed
 * releases that leave the old one serving; crashed containers replaced; release phase; limits.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReleasesTest {
    private static final String APP = "steady";
    private static Platform platform;
    private static Shell shell;
    private static Path dir;

    @BeforeAll
    static void deployApp() {
        platform = Platform.get();
        shell = platform.shell();
        dir = platform.sample("node-app", APP);
        shell.run(dir, "paas", "apps:create", APP).ok();
        shell.run(dir, "git", "push", "paas", "main").ok();
        assertEquals(200, Platform.status(platform.curl(APP)));
    }

    private static Shell.Result paas(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "paas";
        System.arraycopy(args, 0, command, 1, args.length);
        return shell.run(dir, command);
    }

    private static String body() {
        return platform.curl(APP).output();
    }

    @Test
    @Order(1)
    void noRequestFailsWhileTheAppChanges() throws Exception {
        LoadGenerator load = new LoadGenerator(APP, platform.routerPort(), Duration.ofMinutes(8)).start();
        try (load) {
            Thread.sleep(2000);
            step("config:set");
            paas("config:set", "GREETING=one").ok();
            step("push");
            platform.commitAll(dir, "redeploy");
            shell.run(dir, "git", "push", "paas", "main").ok();
            step("scale web=2");
            paas("scale", "web=2").ok();
            step("scale web=4");
            paas("scale", "web=4").ok();
            step("scale web=1");
            paas("scale", "web=1").ok();
            step("rollback");
            paas("releases:rollback").ok();
            step("ps:restart");
            paas("ps:restart").ok();
            step("controller restart");
            String running = webContainerId();
            platform.restartController();
            // Let the restarted controller's reconciler pass over the app, then check it kept the container.
            Thread.sleep(5000);
            assertEquals(running, webContainerId(), "a controller restart does not restart healthy containers");
            step("config:set after restart");
            paas("config:set", "GREETING=two").ok();
            Thread.sleep(2000);
            step("done");
        }
        System.out.println("[zero-downtime] " + load.report());
        assertTrue(load.total() > 1000, load.report());
        assertEquals(0, load.failures(), load.report());
        assertTrue(body().contains("GREETING=two"), body());

        long started = System.nanoTime();
        paas("scale", "web=5").ok();
        long scaled = (System.nanoTime() - started) / 1_000_000;
        assertEquals(5, platform.running(APP));
        System.out.println("[scale] web=1 -> web=5 serving in " + scaled + " ms");
        paas("scale", "web=1").ok();
    }

    /** Marks the time of each change in the output, to place failures the load saw. */
    private static void step(String what) {
        System.out.println("[step] " + System.currentTimeMillis() % 100_000 + " " + what);
    }

    @Test
    @Order(2)
    void unhealthyReleaseIsNotSwitchedTo() throws IOException {
        paas("healthchecks:set", "web", "--path", "/healthz").ok();
        assertTrue(body().contains("Hello from node"), body());

        Files.writeString(dir.resolve("Procfile"), "web: sleep 600\n");
        platform.commitAll(dir, "never listens");
        Shell.Result push = shell.run(dir, "git", "push", "paas", "main");
        assertNotEquals(0, push.exit(), push.output());
        assertTrue(push.output().contains("previous release keeps serving"), push.output());
        assertTrue(body().contains("Hello from node"), body());
        assertTrue(paas("releases").ok().output().contains("failed"), "paas releases shows the failure");
        shell.run(dir, "git", "reset", "-q", "--hard", "HEAD~1").ok();

        Shell.Result badCheck = paas("healthchecks:set", "web", "--path", "/unhealthy");
        assertNotEquals(0, badCheck.exit(), badCheck.output());
        assertTrue(badCheck.output().contains("HTTP 503"), badCheck.output());
        assertTrue(body().contains("Hello from node"), body());
        paas("healthchecks:set", "web", "--path", "/healthz").ok();
    }

    @Test
    @Order(3)
    void crashedContainerIsReplaced() throws InterruptedException {
        String id = webContainerId();
        platform.engine("POST", "/containers/" + id + "/kill");
        // from the engine's event: the full pass is an hour away (Platform)
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String ps = "";
        while (System.nanoTime() < deadline) {
            ps = paas("ps", "--json").output();
            if (ps.contains("\"restarts\" : 1") || ps.contains("\"restarts\":1")) {
                break;
            }
            Thread.sleep(500);
        }
        assertTrue(ps.contains("\"restarts\" : 1") || ps.contains("\"restarts\":1"), ps);
        assertNotEquals(id, webContainerId());
        assertEquals(200, Platform.status(platform.curl(APP)));
    }

    private static String webContainerId() {
        String list = platform.engine("GET", "/containers/json?filters="
                + "%7B%22label%22%3A%5B%22paas.platform%3D" + platform.platformId + "%22%2C%22paas.app%3D" + APP
                + "%22%2C%22paas.type%3Dweb%22%5D%7D");
        Matcher m = Pattern.compile("\"Id\"\\s*:\\s*\"([0-9a-f]{12,})\"").matcher(list);
        assertTrue(m.find(), list);
        return m.group(1);
    }

    @Test
    @Order(4)
    void failedReleasePhaseStopsTheRelease() throws IOException {
        Files.writeString(dir.resolve("Procfile"), "web: node server.js\nrelease: echo migrating-$PAAS_RELEASE; exit 3\n");
        platform.commitAll(dir, "failing release phase");
        Shell.Result push = shell.run(dir, "git", "push", "paas", "main");
        assertNotEquals(0, push.exit(), push.output());
        assertTrue(push.output().contains("release phase"), push.output());
        assertTrue(push.output().contains("migrating-v"), push.output());
        assertTrue(body().contains("Hello from node"), body());

        Files.writeString(dir.resolve("Procfile"), "web: node server.js\nrelease: echo migrated\n");
        platform.commitAll(dir, "working release phase");
        shell.run(dir, "git", "push", "paas", "main").ok();
        assertEquals(200, Platform.status(platform.curl(APP)));
        assertTrue(paas("ps").ok().output().contains("web.1"));
    }

    @Test
    @Order(5)
    void rollbackRestoresAnEarlierRelease() {
        paas("config:set", "GREETING=before").ok();
        String releases = paas("releases", "--json").ok().output();
        Matcher version = Pattern.compile("\"version\"\\s*:\\s*(\\d+)").matcher(releases);
        assertTrue(version.find(), releases);
        String before = version.group(1);
        paas("config:set", "GREETING=after").ok();
        assertTrue(body().contains("GREETING=after"), body());
        paas("releases:rollback", "v" + before).ok();
        assertTrue(body().contains("GREETING=before"), body());
        assertTrue(paas("releases").ok().output().contains("rolled back to v" + before));
    }

    @Test
    @Order(6)
    void severalProcessTypesScaleTogether() throws IOException {
        Files.writeString(dir.resolve("Procfile"), "web: node server.js\nworker: node worker.js\n");
        platform.commitAll(dir, "a worker");
        shell.run(dir, "git", "push", "paas", "main").ok();
        paas("scale", "web=2", "worker=1").ok();
        Shell.Result ps = paas("ps").ok();
        assertTrue(ps.output().contains("worker.1") && ps.output().contains("web.2"), ps.output());
        assertEquals(3, platform.running(APP));
        paas("ps:restart", "worker").ok();
        assertEquals(3, platform.running(APP));
        paas("scale", "web=1", "worker=0").ok();
        assertEquals(1, platform.running(APP));
        assertEquals(200, Platform.status(platform.curl(APP)));
    }

    @Test
    @Order(7)
    void limitsReachTheEngine() {
        paas("limits:set", "web=256M", "--cpu", "web=0.5").ok();
        String inspect = platform.engine("GET", "/containers/" + webContainerId() + "/json");
        assertTrue(inspect.replace(" ", "").contains("\"Memory\":268435456"), inspect);
        assertTrue(inspect.replace(" ", "").contains("\"NanoCpus\":500000000"), inspect);
        assertEquals(200, Platform.status(platform.curl(APP)));
    }

    /**
     * A web container removed while no controller ran is started again by the controller's first
     * pass: nobody heard its event, the platform runs with the full pass an hour apart (Platform),
     * so only the pass at start can bring it back.
     */
    @Test
    @Order(8)
    void containerRemovedWhileTheControllerWasDownIsReplacedAtItsStart() throws Exception {
        String removed = webContainerId();
        long pid = Long.parseLong(Files.readString(platform.data.resolve("run/controller.pid")).strip());
        ProcessHandle controller = ProcessHandle.of(pid).orElseThrow();
        controller.destroy();
        controller.onExit().get();
        platform.engine("DELETE", "/containers/" + removed + "?force=true");
        long started = System.nanoTime();
        platform.startMissing();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && Platform.status(platform.curl(APP)) != 200) {
            Thread.sleep(100);
        }
        System.out.println("[restart] controller start to the removed container's replacement serving: "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
        assertEquals(200, Platform.status(platform.curl(APP)));
        assertNotEquals(removed, webContainerId());
    }
}
