package io.paas.controller.scheduler;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The sentences a failed release shows for each way a process ends. */
class ProcessEndReasonTest {
    private static final long MB = 1024L * 1024;

    @Test
    void aProcessThatEndsAtOnceRanForNoTimeThoughItsEndTimeComesFromACoarserClock() {
        // as Podman answered here for `exit 1`: FinishedAt a few ms before StartedAt
        Instant started = Instant.parse("2026-12-04T18:55:51.155748365Z");
        Instant finished = Instant.parse("2026-12-04T18:55:51.151385857Z");
        assertEquals(Duration.ZERO, ProcessEnd.ranFor(started, finished));
        assertEquals("exited with status 1 after 0.0 s", new ProcessEnd(1, false, ProcessEnd.ranFor(started, finished), 0).reason());
        assertEquals(Duration.ofMillis(812), ProcessEnd.ranFor(started, started.plusMillis(812)));
        assertEquals(null, ProcessEnd.ranFor(null, finished));
    }

    @Test
    void anExitSaysItsStatusAndTime() {
        assertEquals("exited with status 1 after 0.8 s", new ProcessEnd(1, false, Duration.ofMillis(812), 0).reason());
        assertEquals("exited with status 0 after 12 s", new ProcessEnd(0, false, Duration.ofMillis(12_400), 0).reason());
        assertEquals("exited with status 3", new ProcessEnd(3, false, null, 64 * MB).reason());
    }

    @Test
    void aKillForMemorySaysTheLimit() {
        assertEquals("killed: out of memory (limit 64 MB)", new ProcessEnd(137, true, Duration.ofSeconds(2), 64 * MB).reason());
        assertEquals("killed: out of memory (limit 1.5 MB)", new ProcessEnd(137, true, null, 3 * MB / 2).reason());
        assertEquals("killed: out of memory", new ProcessEnd(137, true, null, 0).reason());
        assertEquals("killed after 0.3 s: most likely out of memory (limit 512 MB)",
                new ProcessEnd(137, false, Duration.ofMillis(300), 512 * MB).reason());
        assertEquals("killed after 0.3 s (SIGKILL)", new ProcessEnd(137, false, Duration.ofMillis(300), 0).reason());
    }
}
