package io.paas.builder.image;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import io.paas.builder.build.BuildOutput;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The slug layer: every file and directory of the built /app with its own permissions (exec bits
 * matter). Jib cannot store symlinks (GoogleContainerTools/jib#2275: it copies their targets), and
 * copies break relative requires (npm, node_modules/.bin/*). So links stay out of the layer and are
 * listed in {@link #MANIFEST} ("LINK\tTARGET" per line, LINK relative to /app, TARGET as readlink
 * gives it); the run image's paas-launch recreates them when the container starts.
 *
 * <p>Entries keep their real modification times from the build (sources carry the time they were
 * exported, so every release that changes a file changes its time): static servers derive their
 * validators from it (nginx's ETag is "mtime-size", as busybox httpd's was; Last-Modified), and Jib's default, the
 * epoch + 1 s for every file, made a page changed at the same size look unchanged to browsers.
 */
public final class SlugLayer {
    /** Where the link list sits, relative to /app; reserved for the platform. */
    public static final String MANIFEST = ".paas/symlinks";
    private static final AbsoluteUnixPath APP = AbsoluteUnixPath.get("/app");

    private SlugLayer() {
    }

    /**
     * The layer of appDir at /app. Writes appDir/.paas/symlinks (or removes a stale one when there
     * are no links), so appDir is changed: it is the build's own copy of the slug.
     */
    public static FileEntriesLayer of(Path appDir, BuildOutput out) throws IOException {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("slug");
        // Sorted by link path: the same links always give the same manifest.
        TreeMap<String, String> links = new TreeMap<>();
        Path manifest = appDir.resolve(MANIFEST);
        Files.walkFileTree(appDir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (dir.getFileName() != null && dir.getFileName().toString().equals(".git") && !dir.equals(appDir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                layer.addEntry(dir, target(appDir, dir), permissions(dir), attrs.lastModifiedTime().toInstant());
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
                    layer.addEntry(file, target(appDir, file), permissions(file), attrs.lastModifiedTime().toInstant());
                }
                return FileVisitResult.CONTINUE;
            }
        });
        writeManifest(appDir, links, layer, out);
        return layer.build();
    }

    private static void writeManifest(Path appDir, TreeMap<String, String> links, FileEntriesLayer.Builder layer,
                                      BuildOutput out) throws IOException {
        Path manifest = appDir.resolve(MANIFEST);
        if (links.isEmpty()) {
            Files.deleteIfExists(manifest);
            return;
        }
        Path dir = manifest.getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            layer.addEntry(dir, target(appDir, dir), FilePermissions.DEFAULT_FOLDER_PERMISSIONS, modified(dir));
        }
        List<String> lines = new ArrayList<>(links.size());
        links.forEach((link, linkTarget) -> lines.add(link + "\t" + linkTarget));
        Files.write(manifest, lines);
        out.line("       " + links.size() + " symlink" + (links.size() == 1 ? "" : "s")
                + " listed in /app/" + MANIFEST + " (recreated when the app starts)");
        layer.addEntry(manifest, target(appDir, manifest), FilePermissions.DEFAULT_FILE_PERMISSIONS, modified(manifest));
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
