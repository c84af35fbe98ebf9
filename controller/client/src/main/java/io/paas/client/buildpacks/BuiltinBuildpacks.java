package io.paas.client.buildpacks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The buildpacks this platform has (PAAS_BUILDPACKS_DIR): every folder with a bin/compile, in the
 * order detection tries them (the folder's `order` file), then the others by name.
 */
public final class BuiltinBuildpacks {
    private BuiltinBuildpacks() {
    }

    /** Their names; empty when dir is null or unreadable (names are then checked by the build). */
    public static List<String> in(Path dir) {
        List<String> names = new ArrayList<>();
        if (dir == null || !Files.isDirectory(dir)) {
            return names;
        }
        try {
            Path order = dir.resolve("order");
            if (Files.isRegularFile(order)) {
                for (String line : Files.readAllLines(order)) {
                    String name = line.replaceAll("#.*", "").strip();
                    if (!name.isEmpty() && !names.contains(name) && isBuildpack(dir.resolve(name))) {
                        names.add(name);
                    }
                }
            }
            try (Stream<Path> folders = Files.list(dir)) {
                folders.filter(BuiltinBuildpacks::isBuildpack).map(p -> p.getFileName().toString()).sorted()
                        .filter(name -> !names.contains(name)).forEach(names::add);
            }
        } catch (IOException e) {
            // what was read so far
        }
        return names;
    }

    private static boolean isBuildpack(Path folder) {
        return !folder.getFileName().toString().startsWith(".") && Files.isRegularFile(folder.resolve("bin/compile"));
    }
}
