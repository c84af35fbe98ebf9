package io.paas.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `infra/platform.sh restart` and an upgrade (new jars, then `start`) under load: the app containers keep
 * running, the controller and builder are restarted, a new router takes over the old one's listening sockets,
 * and no request through the router fails. Pushes work afterwards.
 */
class RestartTest {
    private static final String APP = "restart-a";
    private static final List<String> JARS = List.of("controller/target/quarkus-app/quarkus-run.jar",
            "builder/target/paas-builder.jar", "router/target/paas-router.jar");

    @Test
    void restartAndUpgradeKeepAppsServingWithoutAFailedRequest() throws Exception {
        Platform platform = Platform.startedWith(Map.of());
        try {
            Shell shell = platform.shell();
            Path dir = platform.sample("static-app", APP);
            shell.run(dir, "paas", "apps:create", APP).ok();
            platform.pushUntilServed(APP, dir, "restart: first push", "Hello from static", "git", "push", "paas", "main");
            String containers = appContainers(platform);

            try (LoadGenerator load = new LoadGenerator(APP, platform.routerPort(), Duration.ofMinutes(5)).start()) {
                Thread.sleep(2000);
                Map<String, String> before = pids(platform);
                long started = System.nanoTime();
                shell.run(Platform.REPO, 10, "infra/platform.sh", "restart").ok();
                double restart = (System.nanoTime() - started) / 1e9;
                Map<String, String> restarted = pids(platform);
                for (String part : before.keySet()) {
                    assertNotEquals(before.get(part), restarted.get(part), part + " was restarted");
                }
                Thread.sleep(2000);

                // an upgrade: a `git pull` leaves newer jars after the build; the next start replaces every service
                FileTime now = FileTime.from(Instant.now());
                for (String jar : JARS) {
                    Files.setLastModifiedTime(Platform.REPO.resolve(jar), now);
                }
                started = System.nanoTime();
                shell.run(Platform.REPO, 10, "infra/platform.sh", "start").ok();
                double upgrade = (System.nanoTime() - started) / 1e9;
                Map<String, String> upgraded = pids(platform);
                for (String part : before.keySet()) {
                    assertNotEquals(restarted.get(part), upgraded.get(part), part + " was replaced by the upgrade");
                }
                Thread.sleep(2000);
                load.close();
                System.out.printf("[restart] restart %.1f s, upgrade %.1f s; %s%n", restart, upgrade, load.report());
                assertEquals(0, load.failures(), load.report());
                assertTrue(load.total() > 200, load.report());
            }
            assertEquals(containers, appContainers(platform), "the app's containers ran on through both");

            // a new router that cannot take over (NIO has no SO_REUSEPORT to join with): the old one serves on
            String serving = pid(platform, "router");
            Files.setLastModifiedTime(Platform.REPO.resolve(JARS.get(2)), FileTime.from(Instant.now()));
            Shell.Result refused = shell.copy().env("PAAS_ROUTER_TRANSPORT", "nio").run(Platform.REPO, 10, "infra/platform.sh", "start");
            assertNotEquals(0, refused.exit(), refused.output());
            assertTrue(refused.output().contains("did not take over") && refused.output().contains("still serves"),
                    refused.output());
            assertEquals(serving, pid(platform, "router"));
            assertEquals(200, Platform.status(platform.curl(APP)), "still served by the old router");
            String log = Files.readString(platform.data.resolve("logs/router/current"));
            assertTrue(log.contains("took over from the running router"), "both routers write the one log");

            Files.writeString(dir.resolve("index.html"), "<h1>Hello after the upgrade</h1>\n");
            platform.commitAll(dir, "after the upgrade");
            platform.pushUntilServed(APP, dir, "restart: push after the upgrade", "Hello after the upgrade",
                    "git", "push", "paas", "main");
        } finally {
            platform.stop();
        }
    }

    private static Map<String, String> pids(Platform platform) throws Exception {
        return Map.of("controller", pid(platform, "controller"), "builder", pid(platform, "builder"),
                "router", pid(platform, "router"));
    }

    private static String pid(Platform platform, String part) throws Exception {
        return Files.readString(platform.data.resolve("run/" + part + ".pid")).strip();
    }

    private static String appContainers(Platform platform) {
        return platform.shell().run(platform.work, "podman", "ps", "-q", "--no-trunc", "--filter",
                "label=paas.app=" + APP).ok().output().strip();
    }
}
