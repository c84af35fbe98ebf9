package io.paas.controller.scheduler.docker;

import io.paas.controller.scheduler.ProcessSpec;
import io.paas.controller.scheduler.Scheduler;
import io.paas.controller.scheduler.OutputLine;
import io.paas.controller.scheduler.RunningProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What real containers print reaches {@link Scheduler#followOutput}: tagged with the app's id and
 * the process, stdout and stderr told apart, long lines whole, and after a restart of the follower
 * only what it had not read yet.
 */
class ContainerOutputTest {
    static final String PLATFORM = "t" + UUID.randomUUID().toString().substring(0, 8);
    static PodmanService podman;
    static TestImage image;
    static Path outputDir;
    static EngineScheduler scheduler;

    static TestEngine engine;

    @BeforeAll
    static void startEngine() throws Exception {
        engine = TestEngine.start(PLATFORM);
        podman = engine.podman;
        image = engine.image;
        outputDir = podman.dir.resolve("output");
        scheduler = new EngineScheduler(podman.client(), PLATFORM, null, new Confinement(null, true), "engine", outputDir);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        TestEngine.stop(engine, scheduler);
    }

    @Test
    void linesArriveTaggedAndAFollowerRestartedGoesOnWhereItStopped() throws Exception {
        List<OutputLine> seen = new CopyOnWriteArrayList<>();
        Closeable following = scheduler.followOutput(seen::addAll);
        String longLine = "x".repeat(20_000);
        RunningProcess worker = scheduler.start(spec("worker", 2, "echo first; echo oops >&2; echo " + longLine
                + "; sleep 2; echo second; sleep 600"));
        await(seen, line -> line.text().equals("first"));
        await(seen, line -> line.text().equals("oops"));
        await(seen, line -> line.text().equals(longLine));
        OutputLine first = seen.stream().filter(l -> l.text().equals("first")).findFirst().orElseThrow();
        assertEquals(42, first.appId());
        assertEquals("worker.2", first.process());
        assertFalse(first.stderr());
        assertTrue(seen.stream().filter(l -> l.text().equals("oops")).findFirst().orElseThrow().stderr());
        assertTrue(Files.exists(outputDir.resolve("42")), "the app's folder, by its id");

        // Stopped before "second" is printed, started again after: it is read then, and nothing twice.
        following.close();
        Thread.sleep(3000);
        List<OutputLine> after = new CopyOnWriteArrayList<>();
        Closeable again = scheduler.followOutput(after::addAll);
        await(after, line -> line.text().equals("second"));
        Thread.sleep(1500);
        assertEquals(List.of("second"), after.stream().map(OutputLine::text).toList(), "only what was not read");
        again.close();
        scheduler.stop(worker, Duration.ZERO);
    }

    private static ProcessSpec spec(String type, int index, String command) {
        return new ProcessSpec("out-app", type, index, 1, 0, image.name, command, Map.of(), 64L * 1024 * 1024, 0,
                false, null, 42);
    }

    private static void await(List<OutputLine> lines, Predicate<OutputLine> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (lines.stream().anyMatch(wanted)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not seen in 20 s; seen: " + new ArrayList<>(lines).stream()
                .map(l -> l.process() + ": " + (l.text().length() > 80 ? l.text().substring(0, 80) + "..." : l.text()))
                .toList());
    }
}
