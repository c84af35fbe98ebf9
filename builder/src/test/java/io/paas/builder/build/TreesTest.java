package io.paas.builder.build;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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

    @Test
    void twoRemovalsOfOneTreeAtOnceLeaveNothing() throws Exception {
        // an app's stores removed (destroy) while the builder still deletes the app's last slug
        for (int round = 0; round < 5; round++) {
            Path tree = dir.resolve("builds-" + round);
            for (int i = 0; i < 2000; i++) {
                Path dir = Files.createDirectories(tree.resolve("slug/d" + (i % 40) + "/e" + (i % 7)));
                Files.writeString(dir.resolve("f" + i), "x");
            }
            CompletableFuture<Void> slug = CompletableFuture.runAsync(() -> Trees.delete(tree.resolve("slug")));
            Trees.delete(tree);
            slug.join();

            assertFalse(Files.exists(tree), "round " + round);
        }
    }
}
