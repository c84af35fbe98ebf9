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

class SlugLayerTest {
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

        FileEntriesLayer layer = SlugLayer.of(app, out::add);

        Set<String> entries = layer.getEntries().stream()
                .map(FileEntry::getExtractionPath).map(Object::toString).collect(Collectors.toSet());
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
                "modules\tlib/node_modules"), Files.readAllLines(app.resolve(SlugLayer.MANIFEST)));
        assertTrue(out.stream().anyMatch(l -> l.contains("Skipping symlink") && l.contains("bin/tab\\there")), out.toString());
        assertTrue(out.stream().anyMatch(l -> l.contains("3 symlinks listed in /app/.paas/symlinks")), out.toString());
    }

    @Test
    void entriesKeepTheirFilesModificationTimes() throws Exception {
        // Static servers' ETag is "mtime-size" (nginx, busybox httpd): with Jib's default time (the epoch + 1 s) for every
        // file, a page changed between releases at the same size kept its ETag and was answered 304.
        Files.createDirectories(app.resolve("css"));
        Files.writeString(app.resolve("index.html"), "<h1>v2</h1>\n");
        Files.writeString(app.resolve("css/site.css"), "h1 {}\n");
        Instant page = Instant.parse("2026-12-04T10:15:30Z");
        Instant style = Instant.parse("2025-06-01T08:00:00Z");
        Files.setLastModifiedTime(app.resolve("index.html"), FileTime.from(page));
        Files.setLastModifiedTime(app.resolve("css/site.css"), FileTime.from(style));
        Instant cssDir = Files.getLastModifiedTime(app.resolve("css")).toInstant();

        Map<String, Instant> times = SlugLayer.of(app, line -> { }).getEntries().stream()
                .collect(Collectors.toMap(e -> e.getExtractionPath().toString(), FileEntry::getModificationTime));

        assertEquals(page, times.get("/app/index.html"));
        assertEquals(style, times.get("/app/css/site.css"));
        assertEquals(cssDir, times.get("/app/css"));
    }

    @Test
    void noSymlinksNoManifestAndAStaleOneIsDropped() throws Exception {
        Files.createDirectories(app.resolve(".paas"));
        Files.writeString(app.resolve(".paas/symlinks"), "evil\t/etc\n");
        Files.writeString(app.resolve("index.html"), "hi\n");

        FileEntriesLayer layer = SlugLayer.of(app, line -> { });

        Set<String> entries = layer.getEntries().stream()
                .map(FileEntry::getExtractionPath).map(Object::toString).collect(Collectors.toSet());
        assertEquals(Set.of("/app", "/app/.paas", "/app/index.html"), entries);
        assertFalse(Files.exists(app.resolve(".paas/symlinks")));
    }
}
