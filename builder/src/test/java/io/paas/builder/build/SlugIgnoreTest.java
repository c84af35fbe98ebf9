package io.paas.builder.build;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlugIgnoreTest {
    @TempDir
    Path app;

    @Test
    void patternsMatchAsGitignoreWritesThemWithoutNegations() {
        SlugIgnore ignore = SlugIgnore.parse(List.of("# art sources", "*.psd", "/test", "docs/*.pdf", "spec/",
                "!keep.psd", "", "**/fixtures"));
        assertTrue(ignore.ignores("logo.psd"));
        assertTrue(ignore.ignores("assets/img/logo.psd"), "no slash: any depth");
        assertTrue(ignore.ignores("keep.psd"), "Heroku supports no ! negation");
        assertTrue(ignore.ignores("test"));
        assertTrue(ignore.ignores("test/unit/a.js"));
        assertFalse(ignore.ignores("lib/test"), "a leading slash ties the pattern to the root");
        assertTrue(ignore.ignores("docs/guide.pdf"));
        assertFalse(ignore.ignores("other/docs/guide.pdf"), "a slash in the middle ties it to the root");
        assertTrue(ignore.ignores("lib/spec/a_spec.rb"), "a trailing slash alone does not");
        assertTrue(ignore.ignores("a/b/fixtures/big.json"));
        assertFalse(ignore.ignores("index.html"));
    }

    @Test
    void removesTheMatchesBeforeTheBuildAndLeavesTheRest() throws Exception {
        Files.writeString(app.resolve(".slugignore"), "*.psd\n/test\n");
        Files.createDirectories(app.resolve("test/unit"));
        Files.writeString(app.resolve("test/unit/a.js"), "x");
        Files.createDirectories(app.resolve("img"));
        Files.writeString(app.resolve("img/logo.psd"), "big");
        Files.writeString(app.resolve("img/logo.png"), "small");
        Path outside = Files.createTempFile("outside", ".psd");
        Files.createSymbolicLink(app.resolve("img/link.psd"), outside);

        assertEquals(List.of("img/link.psd", "img/logo.psd", "test"), SlugIgnore.apply(app));
        assertFalse(Files.exists(app.resolve("test")));
        assertFalse(Files.exists(app.resolve("img/logo.psd")));
        assertTrue(Files.exists(app.resolve("img/logo.png")));
        assertTrue(Files.exists(outside), "a link goes, never what it points at");
        Files.delete(outside);
    }

    @Test
    void anAppWithoutSlugignoreKeepsEverything() throws Exception {
        Files.writeString(app.resolve("a.psd"), "x");
        assertEquals(List.of(), SlugIgnore.apply(app));
        assertTrue(Files.exists(app.resolve("a.psd")));
    }
}
