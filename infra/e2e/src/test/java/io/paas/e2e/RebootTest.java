package io.paas.e2e;

import io.paas.client.ControllerClient;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reboot, as well as this machine can play one: a power cut (every process of the platform killed
 * with SIGKILL, the Podman service, registry, PostgreSQL, controller, builder and router, and every
 * app container killed, left exited as a reboot leaves them), then the platform's start path, which
 * the systemd unit of `platform.sh service` runs at boot. Every app serves its release again.
 * Not tried here: a real reboot, i.e. the kernel's and systemd's part (no systemd runs as this
 * machine's init); the unit itself is checked by systemd-analyze.
 */
class RebootTest {
    private static final List<String> APPS = List.of("boot-a", "boot-b");

    @Test
    void afterAPowerCutTheBootStartPathBringsEveryAppBack() throws Exception {
        Platform platform = Platform.startedWith(Map.of());
        try {
            Shell shell = platform.shell();
            for (String app : APPS) {
                Path dir = platform.sample("static-app", app);
                shell.run(dir, "paas", "apps:create", app).ok();
                platform.pushUntilServed(app, dir, "reboot: push of " + app, "Hello from static", "git", "push", "paas", "main");
            }

            // the unit that starts the platform at boot, as systemd reads it
            Path units = Files.createDirectories(platform.work.resolve("units"));
            shell.run(Platform.REPO, "infra/platform.sh", "service", units.toString()).ok();
            Path unit = units.resolve("paas-" + platform.platformId + ".service");
            String text = Files.readString(unit);
            assertTrue(text.contains("ExecStart=" + Platform.REPO.resolve("infra/platform.sh") + " start"), text);
            assertTrue(text.contains("Environment=PAAS_HOME=" + platform.data), text);
            shell.run(Platform.REPO, "systemd-analyze", "verify", unit.toString()).ok();

            // the power cut: app containers first (their engine goes with the platform), then every process
            List<String> containers = new ArrayList<>();
            for (String line : shell.run(platform.work, "podman", "ps", "-q", "--filter",
                    "label=paas.platform=" + platform.platformId).ok().output().split("\n")) {
                if (!line.isBlank()) {
                    containers.add(line.strip());
                }
            }
            assertTrue(containers.size() >= APPS.size(), containers.toString());
            for (String id : containers) {
                platform.engine("POST", "/containers/" + id + "/kill?signal=KILL");
            }
            List<Long> pids = new ArrayList<>();
            try (Stream<Path> files = Files.list(platform.data.resolve("run"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                    pids.add(Long.parseLong(Files.readString(file).strip()));
                }
            }
            Path postmaster = platform.data.resolve("postgres/data/postmaster.pid");
            if (Files.exists(postmaster)) {
                pids.add(Long.parseLong(Files.readAllLines(postmaster).get(0).strip()));
            }
            for (long pid : pids) {
                ProcessHandle.of(pid).ifPresent(p -> {
                    p.destroyForcibly();
                    p.onExit().join();
                });
            }
            for (String app : APPS) {
                assertTrue(Platform.status(platform.curl(app)) != 200, app + " still answers after the power cut");
            }

            // what the unit runs at boot
            long started = System.nanoTime();
            shell.run(Platform.REPO, 10, "infra/platform.sh", "start").ok();
            long platformUp = System.nanoTime();
            long deadline = platformUp + java.time.Duration.ofSeconds(60).toNanos();
            for (String app : APPS) {
                Shell.Result page = platform.awaitServed(app, "Hello from static", deadline);
                assertEquals(200, Platform.status(page), app + " after the start path: " + page.output());
                assertTrue(page.output().contains("Hello from static"), page.output());
                // the initial release and the push's: nothing released again, nothing lost
                var releases = ControllerClient.JSON.readTree(shell.run(platform.work, "paas", "releases", "-a", app, "--json")
                        .ok().output());
                assertEquals(2, releases.size(), releases.toString());
            }
            System.out.printf("[reboot] start path %.1f s, then every app serving after %.1f s more%n",
                    (platformUp - started) / 1e9, (System.nanoTime() - platformUp) / 1e9);
        } finally {
            platform.stop();
        }
    }
}
