package io.paas.builder.build;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TreesTest {
    @TempDir
    Path dir;

    @Test
    void sizeCountsTheBytesOfRegularFilesWithoutFollowingLinks() throws Exception {
        Files.createDirectories(dir.resolve("a/b"));
        Files.write(dir.resolve("a/one"), new byte[1000]);
        Files.write(dir.resolve("a/b/two"), new byte[24]);
        Path big = Files.write(Files.createTempFile("outside", ""), new byte[1 << 20]);
        Files.createSymbolicLink(dir.resolve("a/link"), big);
        assertEquals(1024, Trees.size(dir));
        assertEquals(0, Trees.size(dir.resolve("none")));
        Files.delete(big);
    }
}
