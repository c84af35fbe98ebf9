package io.paas.controller.logs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An app's log on disk stays within its bounds in lines and bytes, whatever it prints, and outlives a restart. */
class LogStoreTest {
    @TempDir
    Path dir;

    @Test
    void keepsBetweenHalfAndAllOfTheLineBoundAndTheNewestLines() {
        LogStore store = new LogStore(dir, 1_000, 100L * 1024 * 1024);
        for (int batch = 0; batch < 50; batch++) {
            List<LogLine> lines = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                lines.add(line("line " + (batch * 100 + i)));
            }
            store.append(7, lines);
        }
        List<LogLine> kept = store.read(7);
        assertTrue(kept.size() >= 500 && kept.size() <= 1_000, "kept " + kept.size());
        assertEquals("line 4999", kept.get(kept.size() - 1).text());
        assertEquals("line " + (5000 - kept.size()), kept.get(0).text(), "the newest, in order");
    }

    @Test
    void keepsWithinTheByteBoundOnDisk() throws Exception {
        long maxBytes = 200_000;
        LogStore store = new LogStore(dir, 1_000_000, maxBytes);
        String text = "y".repeat(900);
        for (int i = 0; i < 2_000; i++) {
            store.append(8, List.of(line(text + i)));
        }
        long onDisk;
        try (var files = Files.list(dir.resolve("8"))) {
            onDisk = files.mapToLong(p -> p.toFile().length()).sum();
        }
        assertTrue(onDisk <= maxBytes, "on disk: " + onDisk);
        assertTrue(onDisk >= maxBytes / 2 - 2_000, "on disk: " + onDisk);
    }

    @Test
    void aNewStoreOnTheSameFolderReadsAndGoesOnWithTheSameBound() {
        LogStore before = new LogStore(dir, 100, 100L * 1024 * 1024);
        for (int i = 0; i < 80; i++) {
            before.append(9, List.of(line("before " + i)));
        }
        LogStore after = new LogStore(dir, 100, 100L * 1024 * 1024);
        assertEquals("before 79", after.read(9).get(after.read(9).size() - 1).text());
        for (int i = 0; i < 80; i++) {
            after.append(9, List.of(line("after " + i)));
        }
        List<LogLine> kept = after.read(9);
        assertTrue(kept.size() <= 100, "kept " + kept.size());
        assertEquals("after 79", kept.get(kept.size() - 1).text());

        after.delete(9);
        assertTrue(after.read(9).isEmpty());
        assertFalse(Files.exists(dir.resolve("9")));
    }

    private static LogLine line(String text) {
        return new LogLine(Instant.now(), LogSource.APP, "web.1", text);
    }
}
