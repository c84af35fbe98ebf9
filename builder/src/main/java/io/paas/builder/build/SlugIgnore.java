package io.paas.builder.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Heroku's .slugignore: paths removed from the source before the buildpacks run, so they reach
 * neither the build nor the slug. Patterns as .gitignore writes them (a pattern without a slash
 * matches at any depth, one with a slash from the root, `**` across directories), without `!`
 * negations, which Heroku does not support either.
 */
public final class SlugIgnore {
    static final String FILE = ".slugignore";

    private final DockerIgnore matcher;

    private SlugIgnore(DockerIgnore matcher) {
        this.matcher = matcher;
    }

    /** The rules of a .slugignore's lines; `!` lines are left out. */
    static SlugIgnore parse(List<String> lines) {
        List<String> anchored = new ArrayList<>();
        for (String line : lines) {
            String pattern = line.strip();
            if (pattern.isEmpty() || pattern.startsWith("#") || pattern.startsWith("!")) {
                continue;
            }
            while (pattern.endsWith("/") && pattern.length() > 1) {
                pattern = pattern.substring(0, pattern.length() - 1);
            }
            // git's rule: a slash anywhere but at the end ties the pattern to the root
            anchored.add(pattern.contains("/") ? pattern : "**/" + pattern);
        }
        return new SlugIgnore(DockerIgnore.parse(anchored));
    }

    boolean ignores(String relativePath) {
        return matcher.ignores(relativePath);
    }

    /** Removes what appDir's .slugignore names (links themselves, never their targets); answers the paths removed. */
    public static List<String> apply(Path appDir) throws IOException {
        Path file = appDir.resolve(FILE);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        SlugIgnore ignore = parse(Files.readAllLines(file));
        List<Path> matched = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(appDir)) {
            for (Path path : (Iterable<Path>) paths.sorted()::iterator) {
                String name = appDir.relativize(path).toString();
                if (!name.isEmpty() && matched.stream().noneMatch(path::startsWith) && ignore.ignores(name)) {
                    matched.add(path);
                }
            }
        }
        List<String> removed = new ArrayList<>();
        for (Path path : matched) {
            Trees.delete(path);
            removed.add(appDir.relativize(path).toString());
        }
        return removed;
    }
}
