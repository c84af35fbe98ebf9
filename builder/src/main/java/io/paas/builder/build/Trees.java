package io.paas.builder.build;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removal of directory trees the builder made (build scratch, caches, repositories). */
public final class Trees {
    private static final Logger LOG = LoggerFactory.getLogger(Trees.class);

    private Trees() {
    }

    /**
     * Deletes dir and all it holds, without following links; what cannot be deleted is logged. What
     * another removal takes meanwhile (an app's stores removed while a slug is deleted) is no error.
     */
    public static void delete(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    LOG.warn("cannot delete {}: {}", path, e.getMessage());
                }
            });
        } catch (IOException | UncheckedIOException e) {
            if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                LOG.warn("cannot delete {}: {}", dir, e.getMessage());
            }
        }
    }
}
