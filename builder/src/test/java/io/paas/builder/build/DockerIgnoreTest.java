package io.paas.builder.build;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DockerIgnoreTest {
    private static DockerIgnore of(String... lines) {
        return DockerIgnore.parse(List.of(lines));
    }

    @Test
    void exactPathsTakeWhatTheyHold() {
        DockerIgnore ignore = of("# a comment", "", "secret.txt", "/build/", "./node_modules");
        assertTrue(ignore.ignores("secret.txt"));
        assertFalse(ignore.ignores("src/secret.txt"), "a path is relative to the context root");
        assertTrue(ignore.ignores("build"));
        assertTrue(ignore.ignores("build/out/app.jar"), "a directory takes all it holds");
        assertTrue(ignore.ignores("node_modules/x/index.js"));
        assertFalse(ignore.ignores("builder/x"));
        assertFalse(ignore.ignores("# a comment"));
    }

    @Test
    void starAndQuestionMarkStayInOneSegment() {
        DockerIgnore ignore = of("*.md", "tmp/*/cache", "v?.txt", "[ab]x");
        assertTrue(ignore.ignores("README.md"));
        assertFalse(ignore.ignores("docs/README.md"), "* does not cross a /");
        assertTrue(ignore.ignores("tmp/one/cache/file"));
        assertFalse(ignore.ignores("tmp/one/two/cache"));
        assertTrue(ignore.ignores("v1.txt"));
        assertFalse(ignore.ignores("v10.txt"));
        assertTrue(ignore.ignores("ax"));
        assertFalse(ignore.ignores("cx"));
        assertFalse(ignore.ignores("READMEmd"), "the dot is a dot");
    }

    @Test
    void doubleStarCrossesAnyNumberOfDirectories() {
        DockerIgnore ignore = of("**/*.log", "cache/**", "a/**/z");
        assertTrue(ignore.ignores("top.log"), "**/ matches no directory too");
        assertTrue(ignore.ignores("a/b/c/debug.log"));
        assertFalse(ignore.ignores("log.txt"));
        assertTrue(ignore.ignores("cache/x/y"));
        assertTrue(ignore.ignores("a/z"));
        assertTrue(ignore.ignores("a/b/c/z"));
        assertFalse(ignore.ignores("b/z"));
    }

    @Test
    void negationTakesPathsBackAndTheLastMatchingLineDecides() {
        DockerIgnore ignore = of("docs", "!docs/keep.md", "*.txt", "!important.txt", "important.txt.bak");
        assertTrue(ignore.ignores("docs/drop.md"));
        assertFalse(ignore.ignores("docs/keep.md"));
        assertTrue(ignore.ignores("notes.txt"));
        assertFalse(ignore.ignores("important.txt"));
        assertTrue(ignore.ignores("important.txt.bak"));
        assertTrue(of("!keep", "keep").ignores("keep"), "a later line wins over an earlier negation");
        assertFalse(of("*", "!Dockerfile").ignores("Dockerfile"));
        assertTrue(of("*", "!Dockerfile").ignores("src/main.go"));
    }
}
