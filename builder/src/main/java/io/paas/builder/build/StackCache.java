package io.paas.builder.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * An app's build cache belongs to the stack that filled it: what buildpacks keep there (node_modules
 * with native addons, toolchains, runtimes, pip's wheels) is linked against that stack's C library.
 * As on Heroku, the first build on another stack starts from an empty cache. The stack is noted in
 * the cache; a cache without the note was filled on the default stack, the only one before stacks.
 */
final class StackCache {
    static final String NOTE = ".paas-stack";

    private StackCache() {
    }

    /** Makes cacheDir ready for a build on stack: emptied (and said so) when another stack filled it. */
    static void prepare(Path cacheDir, String stack, String defaultStack, BuildOutput out) throws IOException {
        Path note = cacheDir.resolve(NOTE);
        String previous = Files.isRegularFile(note) ? Files.readString(note, StandardCharsets.UTF_8).strip() : defaultStack;
        if (!previous.equals(stack) && hasEntries(cacheDir)) {
            out.line("-----> The stack changed from " + previous + " to " + stack + ": the build cache is cleared");
            Trees.delete(cacheDir);
        }
        Files.createDirectories(cacheDir);
        Files.writeString(note, stack + "\n", StandardCharsets.UTF_8);
    }

    private static boolean hasEntries(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.anyMatch(entry -> !entry.getFileName().toString().equals(NOTE));
        }
    }
}
