package io.paas.controller.scheduler;

import com.github.dockerjava.api.DockerClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** How processes end, read from a real private Podman: what a failed release tells its user. */
class ProcessEndTest {
    static final String PLATFORM = "t" + UUID.randomUUID().toString().substring(0, 8);
    static PodmanService podman;
    static TestImage image;
    static DockerClient docker;
    static EngineScheduler scheduler;

    @BeforeAll
    static void startEngine() throws Exception {
        assumeTrue(PodmanService.installed(), "podman is not installed");
        podman = PodmanService.start("127.0.0.1:" + TestRegistry.freePort());
        image = TestImage.find(PLATFORM, podman.dir);
        docker = podman.client();
        scheduler = new EngineScheduler(docker, PLATFORM, null);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        if (docker != null) {
            PodmanService.removeContainers(docker, PLATFORM);
        }
        if (scheduler != null) {
            scheduler.close();
        }
        if (image != null) {
            image.removeIfOwned();
        }
        if (podman != null) {
            podman.close();
        }
    }

    @Test
    void aProcessThatExitsSaysItsStatusAndHowLongItRan() {
        RunningProcess p = scheduler.start(web("exit-app", "sleep 0.5; echo gone >&2; exit 1", 64));
        long t0 = System.nanoTime();
        assertFalse(scheduler.awaitReady(p, Duration.ofSeconds(30)));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        ProcessEnd end = scheduler.ended(p).orElseThrow();
        System.out.printf("[process end] %s, noticed after %d ms%n", end.reason(), millis);
        assertTrue(millis < 5000, "the exit was noticed after " + millis + " ms");
        assertEquals(1, end.exitCode());
        assertFalse(end.outOfMemory());
        assertTrue(end.reason().matches("exited with status 1 after \\d\\.\\d s"), end.reason());
        assertTrue(end.ranFor().toMillis() >= 400 && end.ranFor().toMillis() < 5000, end.ranFor().toString());
    }

    @Test
    void aProcessOverItsMemoryLimitIsKilledForIt() {
        // tail keeps every byte of a file without newlines: it grows until the kernel kills it
        RunningProcess p = scheduler.start(web("oom-app", "echo allocating; head -c 300m /dev/zero | tail", 24));
        assertFalse(scheduler.awaitReady(p, Duration.ofSeconds(30)), "the process should not outlive its limit");
        ProcessEnd end = scheduler.ended(p).orElseThrow();
        System.out.printf("[process end] %s (exit %d)%n", end.reason(), end.exitCode());
        assertEquals(137, end.exitCode());
        // Podman on this machine's cgroups v1 does not set OOMKilled; an engine that does gets the plain form
        assertTrue(end.reason().equals("killed: out of memory (limit 24 MB)")
                || end.reason().matches("killed after \\d\\.\\d s: most likely out of memory \\(limit 24 MB\\)"),
                end.reason());
        assertTrue(scheduler.recentLogs(p, 10).contains("allocating"), scheduler.recentLogs(p, 10));
    }

    @Test
    void aRunningProcessHasNotEnded() {
        RunningProcess p = scheduler.start(web("live-app", TestImage.httpd("up"), 64));
        assertTrue(scheduler.awaitReady(p, Duration.ofSeconds(30)), () -> scheduler.explainNotReady(p, 20));
        assertEquals(Optional.empty(), scheduler.ended(p));
        scheduler.stop(p, Duration.ZERO);
        assertEquals(Optional.empty(), scheduler.ended(p), "a removed container has no end to tell");
    }

    private static ProcessSpec web(String app, String command, long megabytes) {
        return new ProcessSpec(app, "web", 1, 1, image.name, command, Map.of("PORT", "5000"), megabytes * 1024 * 1024);
    }
}
