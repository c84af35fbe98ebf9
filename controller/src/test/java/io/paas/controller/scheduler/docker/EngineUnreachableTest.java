package io.paas.controller.scheduler.docker;

import io.paas.controller.scheduler.EngineException;
import io.paas.controller.scheduler.RunningProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineUnreachableTest {

    /** Users get one plain sentence; where the engine was and what failed go to the log. */
    @Test
    void aMissingSocketIsAReadableEngineError(@TempDir Path dir) {
        String host = "unix://" + dir.resolve("nobody-here.sock");
        try (EngineScheduler scheduler = new EngineScheduler(host, "t-unreachable", null, Confinement.NONE, null)) {
            EngineException e = assertThrows(EngineNotAnsweringException.class, () -> scheduler.observe("app"));
            assertEquals("the container engine is not answering, try again", e.getMessage());
            assertTrue(e.forOperators().startsWith("the container engine at " + host + " does not answer: "),
                    e.forOperators());
        }
    }

    /** A restarting engine: its socket file is there, but nothing listens on it yet. */
    @Test
    void aSocketNobodyListensOnIsTheSameError(@TempDir Path dir) throws Exception {
        Path socket = dir.resolve("restarting.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
        }
        assertTrue(Files.exists(socket), "closing a bound unix socket leaves its file behind");
        try (EngineScheduler scheduler = new EngineScheduler("unix://" + socket, "t-unreachable", null, Confinement.NONE, null)) {
            RunningProcess process = new RunningProcess("abc", "n", "app", "web", 1, 1, "running", null, null);
            for (Executable call : List.<Executable>of(() -> scheduler.observe("app"),
                    () -> scheduler.ended(process), () -> scheduler.awaitReady(process, Duration.ofSeconds(1)),
                    () -> scheduler.stop(process, Duration.ZERO))) {
                EngineException e = assertThrows(EngineException.class, call);
                assertEquals("the container engine is not answering, try again", e.getMessage());
                assertTrue(e.forOperators().contains(socket.toString()), e.forOperators());
            }
        }
    }

    @Test
    void imageReferencesWithoutARegistryComeFromThePlatformRegistry() {
        try (EngineScheduler scheduler = new EngineScheduler("unix:///nonexistent.sock", "t", "127.0.0.1:7150", Confinement.NONE, null)) {
            assertTrue(scheduler.qualify("app@sha256:ab").equals("127.0.0.1:7150/app@sha256:ab"));
            assertTrue(scheduler.qualify("127.0.0.1:9/app:v1").equals("127.0.0.1:9/app:v1"));
            assertTrue(scheduler.qualify("localhost/paas/stack-run:bookworm").equals("localhost/paas/stack-run:bookworm"));
            assertTrue(scheduler.qualify("paas/stack-run:bookworm").equals("127.0.0.1:7150/paas/stack-run:bookworm"));
        }
    }
}
