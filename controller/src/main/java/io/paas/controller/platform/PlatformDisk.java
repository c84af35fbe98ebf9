package io.paas.controller.platform;

import io.paas.client.Api;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Comparator;
import java.util.List;

/**
 * What the platform's data takes on its disk (paas admin:disk): the file system under the platform's
 * home, and the size of each part an operator can act on, largest first. A part's size is the sum of
 * its files' sizes (as `du --apparent-size`); a part not made yet takes 0. On one machine every part
 * lies under the home; the engine's image store is the machine's and is not counted.
 */
@ApplicationScoped
public class PlatformDisk {
    private record Part(String name, String dir) {
    }

    private static final List<Part> PARTS = List.of(
            new Part("database", "postgres"),
            new Part("release images (registry)", "registry/data"),
            new Part("git repositories", "git"),
            new Part("build caches", "cache"),
            new Part("Dockerfile build layers", "dockerfile-images"),
            new Part("stack layers for image builds", "jib"),
            new Part("builds in progress", "builds"),
            new Part("app logs", "app-logs"),
            new Part("app output", "app-output"),
            new Part("platform logs", "logs"));

    private final Path home;

    public PlatformDisk(PlatformSettings settings) {
        this.home = settings.dataDir().toAbsolutePath();
    }

    public Api.DiskUsage usage() {
        try {
            FileStore store = Files.getFileStore(Files.exists(home) ? home : home.getRoot());
            List<Api.DiskPart> parts = PARTS.stream()
                    .map(part -> new Api.DiskPart(part.name(), home.resolve(part.dir()).toString(), bytes(home.resolve(part.dir()))))
                    .sorted(Comparator.comparingLong(Api.DiskPart::bytes).reversed())
                    .toList();
            return new Api.DiskUsage(home.toString(), store.getTotalSpace(), store.getUsableSpace(), parts);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the disk of " + home, e);
        }
    }

    /** Files that go while they are counted (a build ending, a log rotating) are skipped, not an error. */
    static long bytes(Path dir) {
        if (!Files.exists(dir)) {
            return 0;
        }
        long[] total = {0};
        try {
            walk(dir, total);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        return total[0];
    }

    private static void walk(Path dir, long[] total) throws IOException {
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    total[0] += attrs.size();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
