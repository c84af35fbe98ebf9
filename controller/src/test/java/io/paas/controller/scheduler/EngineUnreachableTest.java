package io.paas.controller.scheduler;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineUnreachableTest {

    @Test
    void aMissingSocketIsAReadableEngineError(@TempDir Path dir) {
        String host = "unix://" + dir.resolve("nobody-here.sock");
        try (EngineScheduler scheduler = new EngineScheduler(host, "t-unreachable", null)) {
            EngineException e = assertThrows(EngineException.class, () -> scheduler.observe("app"));
            assertTrue(e.getMessage().startsWith("the container engine at " + host + " does not answer"), e.getMessage());
        }
    }

    @Test
    void imageReferencesWithoutARegistryComeFromThePlatformRegistry() {
        try (EngineScheduler scheduler = new EngineScheduler("unix:///nonexistent.sock", "t", "127.0.0.1:7150")) {
            assertTrue(scheduler.qualify("app@sha256:ab").equals("127.0.0.1:7150/app@sha256:ab"));
            assertTrue(scheduler.qualify("127.0.0.1:9/app:v1").equals("127.0.0.1:9/app:v1"));
            assertTrue(scheduler.qualify("localhost/paas/stack-run:bookworm").equals("localhost/paas/stack-run:bookworm"));
            assertTrue(scheduler.qualify("paas/stack-run:bookworm").equals("127.0.0.1:7150/paas/stack-run:bookworm"));
        }
    }
}
