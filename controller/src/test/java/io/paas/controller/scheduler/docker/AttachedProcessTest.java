package io.paas.controller.scheduler.docker;

import io.paas.controller.scheduler.AttachedProcess;
import io.paas.controller.scheduler.ProcessSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One-off processes whose streams the caller holds (paas run), on real containers: piped input
 * read to its end, stdout and stderr apart, the exit status; with a TTY the terminal's size and
 * typed input; a process stopped while it runs leaves no container.
 */
class AttachedProcessTest {
    static final String PLATFORM = "t" + UUID.randomUUID().toString().substring(0, 8);
    static PodmanService podman;
    static TestImage image;
    static EngineScheduler scheduler;

    static TestEngine engine;

    @BeforeAll
    static void startEngine() throws Exception {
        engine = TestEngine.start(PLATFORM);
        podman = engine.podman;
        image = engine.image;
        scheduler = new EngineScheduler(podman.dockerHost, PLATFORM, null, new Confinement(null, true), null);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        TestEngine.stop(engine, scheduler);
    }

    @Test
    void pipedInputIsReadToItsEndAndTheExitStatusComesBack() throws Exception {
        try (AttachedProcess run = scheduler.attach(spec(1001, "cat; echo done >&2; exit 3"), false, 0, 0)) {
            Collected out = collect(run);
            run.write("hello\nworld\n".getBytes(StandardCharsets.UTF_8), 0, 12);
            run.closeInput();
            out.done.get(30, TimeUnit.SECONDS);
            assertEquals("hello\nworld\n", out.stdout());
            assertEquals("done\n", out.stderr());
            assertEquals(OptionalInt.of(3), run.awaitExit(Duration.ofSeconds(10)));
        }
        assertEquals(0, containers(), "the container is removed");
    }

    @Test
    void aTtyHasTheCallersSizeFollowsAResizeAndEchoesWhatIsTyped() throws Exception {
        try (AttachedProcess run = scheduler.attach(spec(1002, "echo size=$LINES,$COLUMNS; read line; stty size; tty; echo got:$line; exit 4"),
                true, 33, 101)) {
            Collected out = collect(run);
            awaitText(out, "size=");
            run.resize(40, 120);
            run.write("hi\r".getBytes(StandardCharsets.UTF_8), 0, 3);
            out.done.get(30, TimeUnit.SECONDS);
            String screen = out.stdout();
            assertTrue(screen.startsWith("size=33,101\r\n"), "the size the caller had, from the start: " + screen);
            assertTrue(screen.contains("hi\r\n"), "typed input is echoed by the terminal: " + screen);
            assertTrue(screen.contains("40 120\r\n"), "the size after a resize: " + screen);
            assertTrue(screen.contains("/dev/pts/"), "a terminal: " + screen);
            assertTrue(screen.contains("got:hi\r\n"), screen);
            assertEquals(OptionalInt.of(4), run.awaitExit(Duration.ofSeconds(10)));
        }
        assertEquals(0, containers());
    }

    private static void awaitText(Collected out, String text) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!out.stdout().contains(text) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void closingAProcessThatRunsStopsItAndRemovesItsContainer() throws Exception {
        AttachedProcess run = scheduler.attach(spec(1003, "echo started; sleep 600"), false, 0, 0);
        Collected out = collect(run);
        awaitText(out, "started");
        assertEquals(1, containers());
        run.close();
        out.done.get(20, TimeUnit.SECONDS);
        assertEquals(0, containers());
    }

    private static long containers() {
        return podman.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("paas.platform", PLATFORM)).exec().size();
    }

    private static ProcessSpec spec(int index, String command) {
        return new ProcessSpec("attach-app", "run", index, 1, 0, image.name, command, Map.of(), 64L * 1024 * 1024, 0,
                false, null, 42);
    }

    /** The output of a run, copied on a thread of its own as a session does. */
    private static final class Collected {
        final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        final CompletableFuture<Void> done = new CompletableFuture<>();

        synchronized String stdout() {
            return stdout.toString(StandardCharsets.UTF_8);
        }

        synchronized String stderr() {
            return stderr.toString(StandardCharsets.UTF_8);
        }
    }

    private static Collected collect(AttachedProcess run) {
        Collected c = new Collected();
        Thread t = new Thread(() -> {
            try {
                run.copyOutput((stream, bytes, offset, length) -> {
                    synchronized (c) {
                        (stream == AttachedProcess.STDERR ? c.stderr : c.stdout).write(bytes, offset, length);
                    }
                });
                c.done.complete(null);
            } catch (Exception e) {
                c.done.completeExceptionally(e);
            }
        });
        t.setDaemon(true);
        t.start();
        return c;
    }
}
