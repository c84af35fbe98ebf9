package io.paas.builder.build;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removal of directory trees the builder made (build scratch, caches, repositories). */
public final class Trees {
    private static final Logger LOG = LoggerFactory.getLogger(Trees.class);

    // a concurrent removal can make a walk fail; each one leaves less
    private static final int WALKS = 5;

    private Trees() {
    }

    /**
     * Deletes dir and all it holds, without following links; what cannot be deleted is logged. What
     * another removal takes meanwhile (an app's stores removed while its last slug is deleted) is no
     * error: the walk is tried again (the tree only shrinks) until dir is gone.
     */
    public static void delete(Path dir) {
        Exception last = null;
        for (int attempt = 0; attempt < WALKS && Files.exists(dir, LinkOption.NOFOLLOW_LINKS); attempt++) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(Trees::deleteOne);
            } catch (IOException | UncheckedIOException e) {
                last = e; // a folder went while the walk read it
            }
        }
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            LOG.warn("cannot delete {}: {}", dir, last == null ? "files left" : last.getMessage());
        }
    }

    private static void deleteOne(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (DirectoryNotEmptyException e) {
            // another removal's walk, or a file that could not go (logged): the next walk sees
        } catch (IOException e) {
            LOG.warn("cannot delete {}: {}", path, e.getMessage());
        }
    }
}
