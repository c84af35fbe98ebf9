package io.paas.cli.support;

import io.paas.cli.CliContext;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Finds programs on the PATH of the CLI's context (Java's ProcessBuilder would search the JVM's own PATH). */
public final class Executables {
    private Executables() {
    }

    /** The absolute path of the first executable file named so on the PATH, or null. */
    public static String onPath(CliContext ctx, String name) {
        String path = ctx.env("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Paths.get(dir, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toAbsolutePath().toString();
            }
        }
        return null;
    }
}
