package io.paas.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a user sees of the build's own stores: .slugignore keeps paths out of the served app, and
 * builds:cache:purge (confirmed, as on Heroku) empties the app's build cache, after which it builds again.
 */
class BuildCacheTest {
    private static final String APP = "cache-purge";

    @Test
    void slugignoredPathsAreNotServedAndThePurgedCacheIsGone() throws IOException {
        Platform platform = Platform.get();
        Shell shell = platform.shell();
        Path dir = platform.sample("static-app", APP);
        Files.writeString(dir.resolve(".slugignore"), "# sources of the art, not the site\n*.psd\n/drafts\n");
        Files.writeString(dir.resolve("logo.psd"), "layers");
        Files.createDirectories(dir.resolve("drafts"));
        Files.writeString(dir.resolve("drafts/next.html"), "<h1>not yet</h1>");
        platform.commitAll(dir, "with sources");
        shell.run(dir, "paas", "apps:create", APP).ok();
        String push = platform.pushUntilServed(APP, dir, "BuildCacheTest: first push", "Hello from static",
                "git", "push", "paas", "main");
        assertTrue(push.contains("remote: -----> Removed 2 paths listed in .slugignore"), push);
        assertEquals(404, status(platform, "/logo.psd"));
        assertEquals(404, status(platform, "/drafts/next.html"));
        assertEquals(200, status(platform, "/about.html"));

        Matcher id = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"")
                .matcher(shell.run(dir, "paas", "apps:info", "--json").ok().output());
        assertTrue(id.find(), "the app's id");
        Path cache = platform.data.resolve("cache").resolve(id.group(1));
        assertTrue(Files.isDirectory(cache), "the build made the app's cache: " + cache);

        Shell.Result unconfirmed = shell.run(dir, "paas", "builds:cache:purge");
        assertNotEquals(0, unconfirmed.exit());
        assertTrue(unconfirmed.output().contains("confirmation did not match " + APP + ": this empties its build cache. "
                + "To proceed, run: paas builds:cache:purge -a " + APP + " --confirm " + APP), unconfirmed.output());
        assertTrue(Files.isDirectory(cache));

        String purged = shell.run(dir, "paas", "builds:cache:purge", "--confirm", APP).ok().output();
        assertTrue(purged.contains("Purging the build cache of " + APP + "... done"), purged);
        assertFalse(Files.exists(cache), "the cache is gone");

        Path index = dir.resolve("index.html");
        Files.writeString(index, Files.readString(index).replace("Hello from static", "Hello after the purge"));
        platform.commitAll(dir, "one line changed");
        platform.pushUntilServed(APP, dir, "BuildCacheTest: push after the purge", "Hello after the purge",
                "git", "push", "paas", "main");
    }

    private static int status(Platform platform, String path) {
        return Platform.status(platform.shell().run(platform.work, "curl", "-sS", "-o", "/dev/null", "-w", "\n%{http_code}",
                "http://" + APP + ".localhost:" + platform.routerPort() + path));
    }
}
