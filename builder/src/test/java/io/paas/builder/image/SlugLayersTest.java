package io.paas.builder.image;

import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlugLayersTest {
    @TempDir
    Path app;

    @Test
    void symlinksStayOutOfTheLayerAndAreListedInTheManifest() throws Exception {
        Files.createDirectories(app.resolve("lib/node_modules/npm/bin"));
        Files.writeString(app.resolve("lib/node_modules/npm/bin/npm-cli.js"), "require('../lib/cli.js')\n");
        Files.createDirectories(app.resolve("bin"));
        Files.createSymbolicLink(app.resolve("bin/npm"), Path.of("../lib/node_modules/npm/bin/npm-cli.js"));
        Files.createSymbolicLink(app.resolve("modules"), Path.of("lib/node_modules"));
        Files.createSymbolicLink(app.resolve("bin/gone"), Path.of("../nowhere"));
        Files.createSymbolicLink(app.resolve("bin/tab\there"), Path.of("x"));
        List<String> out = new ArrayList<>();

        FileEntriesLayer layer = onlyLayer(SlugLayers.of(app, out::add));

        Set<String> entries = paths(layer);
        assertTrue(entries.contains("/app/lib/node_modules/npm/bin/npm-cli.js"), entries.toString());
        assertTrue(entries.contains("/app/bin"), entries.toString());
        for (String link : List.of("/app/bin/npm", "/app/modules", "/app/bin/gone", "/app/bin/tab\there")) {
            assertFalse(entries.contains(link), link + " must not be in " + entries);
        }
        assertFalse(entries.stream().anyMatch(e -> e.startsWith("/app/modules/")), "linked dir not walked: " + entries);
        assertTrue(entries.contains("/app/.paas/symlinks"), entries.toString());
        assertTrue(entries.contains("/app/.paas"), entries.toString());

        assertEquals(List.of(
                "bin/gone\t../nowhere",
                "bin/npm\t../lib/node_modules/npm/bin/npm-cli.js",
                "modules\tlib/node_modules"), Files.readAllLines(app.resolve(SlugLayers.MANIFEST)));
        assertTrue(out.stream().anyMatch(l -> l.contains("Skipping symlink") && l.contains("bin/tab\\there")), out.toString());
        assertTrue(out.stream().anyMatch(l -> l.contains("3 symlinks listed in /app/.paas/symlinks")), out.toString());
    }

    @Test
    void entriesKeepTheirFilesModificationTimes() throws Exception {
        // Static servers' ETag is "mtime-size" (nginx, busybox httpd): with Jib's default time (the epoch + 1 s) for every
        // file, a page changed between releases at the same size kept its ETag and was answered 304.
        Instant page = file("index.html", "<h1>v2</h1>\n", "2026-12-04T10:15:30Z");
        Instant style = file("css/site.css", "h1 {}\n", "2025-06-01T08:00:00Z");
        Instant cssDir = Files.getLastModifiedTime(app.resolve("css")).toInstant();

        Map<String, Instant> times = times(onlyLayer(SlugLayers.of(app, line -> { })));

        assertEquals(page, times.get("/app/index.html"));
        assertEquals(style, times.get("/app/css/site.css"));
        assertEquals(cssDir, times.get("/app/css"));
    }

    @Test
    void noSymlinksNoManifestAndAStaleOneIsDropped() throws Exception {
        Files.createDirectories(app.resolve(".paas"));
        Files.writeString(app.resolve(".paas/symlinks"), "evil\t/etc\n");
        Files.writeString(app.resolve("index.html"), "hi\n");

        Set<String> entries = paths(onlyLayer(SlugLayers.of(app, line -> { })));
        assertEquals(Set.of("/app", "/app/.paas", "/app/index.html"), entries);
        assertFalse(Files.exists(app.resolve(".paas/symlinks")));
    }

    @Test
    void listedFoldersAreLayersOfTheirOwnBeforeTheApp() throws Exception {
        Files.createDirectories(app.resolve(".heroku/node/bin"));
        Files.writeString(app.resolve(".heroku/node/bin/node"), "ELF\n");
        Files.createDirectories(app.resolve(".heroku/node/lib/node_modules/npm/bin"));
        Files.writeString(app.resolve(".heroku/node/lib/node_modules/npm/bin/npm-cli.js"), "cli\n");
        Files.createSymbolicLink(app.resolve(".heroku/node/bin/npm"), Path.of("../lib/node_modules/npm/bin/npm-cli.js"));
        Files.createDirectories(app.resolve("node_modules/express"));
        Files.writeString(app.resolve("node_modules/express/index.js"), "module.exports = 1\n");
        Files.writeString(app.resolve("server.js"), "require('express')\n");
        Files.createDirectories(app.resolve(".paas"));
        Files.createSymbolicLink(app.resolve("linked"), app.resolve("node_modules"));
        Files.write(app.resolve(SlugLayers.DECLARED), List.of(
                "# runtimes first", ".heroku/node", "", "node_modules/", "/usr/lib", "../elsewhere", ".paas",
                "missing", "linked/express", "./.heroku/node"));
        List<String> out = new ArrayList<>();

        List<SlugLayers.Layer> layers = SlugLayers.of(app, out::add);

        assertEquals(List.of(".heroku/node", "node_modules", "app"), layers.stream().map(SlugLayers.Layer::name).toList());
        assertEquals(Set.of("/app/.heroku/node", "/app/.heroku/node/bin", "/app/.heroku/node/bin/node",
                "/app/.heroku/node/lib", "/app/.heroku/node/lib/node_modules", "/app/.heroku/node/lib/node_modules/npm",
                "/app/.heroku/node/lib/node_modules/npm/bin", "/app/.heroku/node/lib/node_modules/npm/bin/npm-cli.js"),
                paths(layers.get(0).entries()));
        assertEquals(8, layers.get(0).bytes(), "the bytes of its files");
        assertEquals(Set.of("/app/node_modules", "/app/node_modules/express", "/app/node_modules/express/index.js"),
                paths(layers.get(1).entries()));
        assertEquals(Set.of("/app", "/app/.heroku", "/app/.paas", "/app/.paas/layers", "/app/.paas/symlinks",
                "/app/server.js"), paths(layers.get(2).entries()));
        // links of every layer are in the app layer's manifest
        assertEquals(List.of(".heroku/node/bin/npm\t../lib/node_modules/npm/bin/npm-cli.js", "linked\t" + app.resolve("node_modules")),
                Files.readAllLines(app.resolve(SlugLayers.MANIFEST)));
        for (String refused : List.of("/usr/lib stays in the app layer: not a path relative to /app",
                "../elsewhere stays in the app layer: not a folder inside /app",
                ".paas stays in the app layer: .paas is the platform's",
                "missing stays in the app layer: no such folder",
                "linked/express stays in the app layer: a symlink",
                "./.heroku/node stays in the app layer: listed twice")) {
            assertTrue(out.contains(" !     .paas/layers: " + refused), refused + " in " + out);
        }
    }

    @Test
    void directoriesOfAListedFolderTakeTheNewestTimeOfTheirContentSoARebuiltRuntimeIsTheSameLayer() throws Exception {
        // buildpacks copy a cached runtime with its files' times (cp -a) but make its folders anew each build
        Files.createDirectories(app.resolve(".heroku/python/usr/empty"));
        Instant lib = file(".heroku/python/usr/lib/libpython.so", "so\n", "2024-05-01T10:00:00Z");
        Instant python = file(".heroku/python/usr/python", "ELF\n", "2023-01-01T00:00:00Z");
        Files.createDirectories(app.resolve(".paas"));
        Files.writeString(app.resolve(SlugLayers.DECLARED), ".heroku/python/usr\n");

        Map<String, Instant> times = times(SlugLayers.of(app, line -> { }).get(0).entries());

        assertEquals(lib, times.get("/app/.heroku/python/usr/lib"));
        assertEquals(lib, times.get("/app/.heroku/python/usr"), "the newest of all it holds");
        assertEquals(python, times.get("/app/.heroku/python/usr/python"), "files keep theirs");
        assertEquals(FileEntriesLayer.DEFAULT_MODIFICATION_TIME, times.get("/app/.heroku/python/usr/empty"));
        assertEquals(lib, Files.getLastModifiedTime(app.resolve(".heroku/python/usr")).toInstant(),
                "set on disk too: Jib's cache key reads the source's time");
    }

    /** Writes the file (and its folders) with that modification time; answers the time. */
    private Instant file(String path, String text, String time) throws Exception {
        Path file = app.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        Instant modified = Instant.parse(time);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return modified;
    }

        private static FileEntriesLayer onlyLayer(List<SlugLayers.Layer> layers) {
        assertEquals(List.of(SlugLayers.APP_LAYER), layers.stream().map(SlugLayers.Layer::name).toList());
        return layers.get(0).entries();
    }

    private static Set<String> paths(FileEntriesLayer layer) {
        return layer.getEntries().stream().map(FileEntry::getExtractionPath).map(Object::toString)
                .collect(Collectors.toSet());
    }

    private static Map<String, Instant> times(FileEntriesLayer layer) {
        return layer.getEntries().stream()
                .collect(Collectors.toMap(e -> e.getExtractionPath().toString(), FileEntry::getModificationTime));
    }
}
