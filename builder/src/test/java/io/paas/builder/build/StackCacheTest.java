package io.paas.builder.build;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The build cache is kept while the stack stays, and emptied, with a line saying so, when it changes. */
class StackCacheTest {
    @TempDir
    Path dir;
    private final List<String> lines = new ArrayList<>();

    private Path filled(String file) throws IOException {
        Path cache = dir.resolve("app-id");
        Files.createDirectories(cache.resolve("node"));
        Files.writeString(cache.resolve("node").resolve(file), "cached");
        return cache;
    }

    @Test
    void aCacheFilledBeforeStacksIsTheDefaultStacksAndKept() throws IOException {
        Path cache = filled("modules");
        StackCache.prepare(cache, "bookworm", "bookworm", lines::add);
        assertTrue(Files.exists(cache.resolve("node/modules")));
        assertEquals("bookworm\n", Files.readString(cache.resolve(StackCache.NOTE)));
        assertEquals(List.of(), lines);
    }

    @Test
    void anotherStackStartsFromAnEmptyCacheAndSaysSo() throws IOException {
        Path cache = filled("modules");
        StackCache.prepare(cache, "trixie", "bookworm", lines::add);
        assertFalse(Files.exists(cache.resolve("node")));
        assertEquals(List.of("-----> The stack changed from bookworm to trixie: the build cache is cleared"), lines);

        Files.createDirectories(cache.resolve("python"));
        StackCache.prepare(cache, "trixie", "bookworm", lines::add);
        assertTrue(Files.exists(cache.resolve("python")), "kept while the stack stays");
        StackCache.prepare(cache, "bookworm", "bookworm", lines::add);
        assertFalse(Files.exists(cache.resolve("python")));
        assertEquals("-----> The stack changed from trixie to bookworm: the build cache is cleared", lines.get(1));
    }

    @Test
    void aFirstBuildOnAnotherStackHasNothingToClear() throws IOException {
        Path cache = dir.resolve("new-app");
        StackCache.prepare(cache, "trixie", "bookworm", lines::add);
        assertEquals("trixie\n", Files.readString(cache.resolve(StackCache.NOTE)));
        assertEquals(List.of(), lines);
    }
}
