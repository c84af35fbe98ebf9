package io.paas.builder.image;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import io.paas.builder.build.BuildOutput;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The built /app (the "slug") as image layers: one per folder a buildpack lists in {@link #DECLARED}
 * (a runtime such as .heroku/node, which stays the same from one release to the next), in the order
 * listed, then "app", the rest. Every file and directory keeps its own permissions (exec bits matter).
 * Jib cannot store symlinks (GoogleContainerTools/jib#2275: it copies their targets), and copies break
 * relative requires (npm, node_modules/.bin/*). So links stay out of the layers and are listed in
 * {@link #MANIFEST} ("LINK\tTARGET" per line, LINK relative to /app, TARGET as readlink gives it), in
 * the app layer; the run image's paas-launch recreates them when the container starts.
 *
 * <p>Files keep their real modification times from the build (sources carry the time they were
 * exported, so every release that changes a file changes its time): static servers derive their
 * validators from it (nginx's ETag is "mtime-size", as busybox httpd's was; Last-Modified), and Jib's
 * default, the epoch + 1 s for every file, made a page changed at the same size look unchanged to
 * browsers. Directories of the app layer keep theirs too. A directory inside a listed folder gets
 * instead the newest time of what it holds (set on disk too, as Jib's cache key reads it there):
 * buildpacks copy a runtime from their cache with its files' times, but make its directories anew on
 * every build, which would change a layer whose content did not change.
 */
public final class SlugLayers {
    /** Where the link list sits, relative to /app; reserved for the platform. */
    public static final String MANIFEST = ".paas/symlinks";
    /** Where buildpacks list the folders (relative to /app, one a line) that get layers of their own. */
    public static final String DECLARED = ".paas/layers";
    /** The name of the last layer, everything no listed folder holds. */
    public static final String APP_LAYER = "app";
    private static final AbsoluteUnixPath APP = AbsoluteUnixPath.get("/app");
    private static final Instant EMPTY_DIRECTORY_TIME = FileEntriesLayer.DEFAULT_MODIFICATION_TIME;

    /** One layer: its name (the folder it holds, or "app"), Jib's entries, and the bytes of its files. */
    public record Layer(String name, FileEntriesLayer entries, long bytes) {
    }

    private SlugLayers() {
    }

    /**
     * The layers of appDir at /app. Writes appDir/.paas/symlinks (or removes a stale one when there
     * are no links) and sets directory times in listed folders, so appDir is changed: it is the
     * build's own copy of the slug.
     */
    public static List<Layer> of(Path slug, BuildOutput out) throws IOException {
        Path appDir = slug.toAbsolutePath().normalize();
        Map<Path, Builder> layers = new LinkedHashMap<>();
        for (String folder : declared(appDir, out)) {
            layers.put(appDir.resolve(folder), new Builder(folder, true));
        }
        Builder app = new Builder(APP_LAYER, false);
        // Sorted by link path: the same links always give the same manifest.
        TreeMap<String, String> links = new TreeMap<>();
        Path manifest = appDir.resolve(MANIFEST);
        Deque<Builder> open = new ArrayDeque<>();
        open.push(app);
        Files.walkFileTree(appDir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.getFileName() != null && dir.getFileName().toString().equals(".git") && !dir.equals(appDir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Builder layer = layers.get(dir);
                if (layer != null) {
                    open.push(layer);
                }
                open.peek().enter(dir, attrs, appDir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failed) throws IOException {
                if (failed != null) {
                    throw failed;
                }
                open.peek().leave(dir, appDir);
                if (layers.containsKey(dir)) {
                    open.pop();
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                String relative = appDir.relativize(file).toString();
                if (file.equals(manifest)) {
                    return FileVisitResult.CONTINUE; // ours: written below
                }
                if (attrs.isSymbolicLink()) {
                    String linkTarget = Files.readSymbolicLink(file).toString();
                    if (unlistable(relative) || unlistable(linkTarget)) {
                        out.line(" !     Skipping symlink with a tab or newline in its name or target: "
                                + printable(relative));
                    } else {
                        links.put(relative, linkTarget);
                    }
                } else if (attrs.isOther()) {
                    out.line(" !     Skipping special file (socket, fifo or device) " + printable(relative));
                } else {
                    open.peek().file(file, attrs, appDir);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        writeManifest(appDir, links, app, out);
        List<Layer> result = new ArrayList<>();
        layers.values().forEach(layer -> result.add(layer.build()));
        result.add(app.build());
        return result;
    }

    /**
     * The folders listed in appDir/.paas/layers that can be layers: relative, inside the app, real
     * directories (no link), not .paas, each once. The others are named and left in the app layer.
     */
    private static List<String> declared(Path appDir, BuildOutput out) throws IOException {
        Path file = appDir.resolve(DECLARED);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<String> folders = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String folder = line.strip();
            if (folder.isEmpty() || folder.startsWith("#")) {
                continue;
            }
            String refusal = refusal(appDir, folder);
            Path dir = appDir.resolve(folder).normalize();
            String normalized = appDir.relativize(dir).toString();
            if (refusal == null && folders.contains(normalized)) {
                refusal = "listed twice";
            }
            if (refusal != null) {
                out.line(" !     " + DECLARED + ": " + printable(folder) + " stays in the app layer: " + refusal);
            } else {
                folders.add(normalized);
            }
        }
        return folders;
    }

    private static String refusal(Path appDir, String folder) {
        Path relative = Path.of(folder);
        if (relative.isAbsolute()) {
            return "not a path relative to /app";
        }
        Path dir = appDir.resolve(relative).normalize();
        if (!dir.startsWith(appDir) || dir.equals(appDir)) {
            return "not a folder inside /app";
        }
        if (dir.startsWith(appDir.resolve(".paas"))) {
            return ".paas is the platform's";
        }
        // a link out of the slug must never become a layer; so no link on the way either
        for (Path step = dir; !step.equals(appDir); step = step.getParent()) {
            if (Files.isSymbolicLink(step)) {
                return "a symlink";
            }
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return "no such folder";
        }
        return null;
    }

    /** The entries of one layer as the walk meets them. */
    private static final class Builder {
        private final String name;
        private final FileEntriesLayer.Builder entries;
        // listed folders: directory times are the newest of their content (see the class comment)
        private final boolean contentTimes;
        private final Deque<Instant> newest = new ArrayDeque<>();
        private long bytes;

        Builder(String name, boolean contentTimes) {
            this.name = name;
            this.entries = FileEntriesLayer.builder().setName(name);
            this.contentTimes = contentTimes;
        }

        void enter(Path dir, BasicFileAttributes attrs, Path appDir) throws IOException {
            if (contentTimes) {
                newest.push(Instant.MIN);
            } else {
                entries.addEntry(dir, target(appDir, dir), permissions(dir), attrs.lastModifiedTime().toInstant());
            }
        }

        void leave(Path dir, Path appDir) throws IOException {
            if (!contentTimes) {
                return;
            }
            Instant time = newest.pop();
            if (time.equals(Instant.MIN)) {
                time = EMPTY_DIRECTORY_TIME;
            }
            Files.setLastModifiedTime(dir, FileTime.from(time));
            entries.addEntry(dir, target(appDir, dir), permissions(dir), time);
            seen(time);
        }

        void file(Path file, BasicFileAttributes attrs, Path appDir) throws IOException {
            Instant time = attrs.lastModifiedTime().toInstant();
            entries.addEntry(file, target(appDir, file), permissions(file), time);
            bytes += attrs.size();
            if (contentTimes) {
                seen(time);
            }
        }

        private void seen(Instant time) {
            if (!newest.isEmpty() && time.isAfter(newest.peek())) {
                newest.pop();
                newest.push(time);
            }
        }

        Layer build() {
            return new Layer(name, entries.build(), bytes);
        }
    }

    private static void writeManifest(Path appDir, TreeMap<String, String> links, Builder app, BuildOutput out)
            throws IOException {
        Path manifest = appDir.resolve(MANIFEST);
        if (links.isEmpty()) {
            Files.deleteIfExists(manifest);
            return;
        }
        Path dir = manifest.getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            app.entries.addEntry(dir, target(appDir, dir), FilePermissions.DEFAULT_FOLDER_PERMISSIONS, modified(dir));
        }
        List<String> lines = new ArrayList<>(links.size());
        links.forEach((link, linkTarget) -> lines.add(link + "\t" + linkTarget));
        Files.write(manifest, lines);
        out.line("       " + links.size() + " symlink" + (links.size() == 1 ? "" : "s")
                + " listed in /app/" + MANIFEST + " (recreated when the app starts)");
        app.entries.addEntry(manifest, target(appDir, manifest), FilePermissions.DEFAULT_FILE_PERMISSIONS,
                modified(manifest));
        app.bytes += Files.size(manifest);
    }

    private static boolean unlistable(String path) {
        return path.indexOf('\t') >= 0 || path.indexOf('\n') >= 0;
    }

    private static String printable(String path) {
        return path.replace("\t", "\\t").replace("\n", "\\n");
    }

    private static AbsoluteUnixPath target(Path appDir, Path path) {
        String relative = appDir.relativize(path).toString();
        return relative.isEmpty() ? APP : APP.resolve(relative);
    }

    private static Instant modified(Path path) throws IOException {
        return Files.getLastModifiedTime(path).toInstant();
    }

    private static FilePermissions permissions(Path path) throws IOException {
        return FilePermissions.fromPosixFilePermissions(Files.getPosixFilePermissions(path));
    }
}
