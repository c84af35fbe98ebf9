package io.paas.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Apps as users bring them to the buildpacks, pushed with git and reached through the router: a
 * static site changed between releases, a heroku-buildpack-static app (static.json), and an old
 * Node.js app (Deis's example) that names no npm.
 */
class BuildpackAppsTest {
    private static Platform platform;
    private static Shell shell;

    @BeforeAll
    static void startPlatform() {
        platform = Platform.get();
        shell = platform.shell();
    }

    /** An answer through the router: status, headers (names in lower case) and body. */
    record Answer(int status, String headers, String body) {
        String header(String name) {
            Matcher m = Pattern.compile("(?m)^" + name.toLowerCase(Locale.ROOT) + ": *(.*?)\\r?$").matcher(headers);
            return m.find() ? m.group(1) : null;
        }
    }

    private static Answer get(String app, String... headers) {
        return page(app, "/", headers);
    }

    private static Answer page(String app, String path, String... headers) {
        String[] command = new String[4 + 2 * headers.length];
        int i = 0;
        command[i++] = "curl";
        command[i++] = "-sS";
        command[i++] = "-i";
        for (String header : headers) {
            command[i++] = "-H";
            command[i++] = header;
        }
        command[i] = "http://" + app + ".localhost:" + platform.routerPort() + path;
        String out = shell.run(platform.work, command).ok().output();
        int split = out.indexOf("\r\n\r\n");
        String head = split < 0 ? out : out.substring(0, split);
        String body = split < 0 ? "" : out.substring(split + 4);
        int status = Integer.parseInt(head.lines().findFirst().orElseThrow().split(" ")[1]);
        StringBuilder lowered = new StringBuilder();
        head.lines().skip(1).forEach(line -> {
            int colon = line.indexOf(':');
            lowered.append(colon < 0 ? line : line.substring(0, colon).toLowerCase(Locale.ROOT) + line.substring(colon))
                    .append('\n');
        });
        return new Answer(status, lowered.toString(), body);
    }

    @Test
    void staticPageChangedAtTheSameSizeIsServedNewToABrowserHoldingTheOldOne() throws IOException {
        Path dir = platform.sample("static-app", "same-size-site");
        shell.run(dir, "paas", "apps:create", "same-size-site").ok();
        shell.run(dir, "git", "push", "paas", "main").ok();
        Answer v1 = get("same-size-site");
        assertEquals(200, v1.status(), v1.headers());
        assertTrue(v1.body().contains("Hello from static"), v1.body());
        String etag = v1.header("etag");
        String lastModified = v1.header("last-modified");
        assertTrue(etag != null && lastModified != null, v1.headers());
        assertFalse(lastModified.contains("1970"), "the page's real time, not the epoch: " + lastModified);
        assertEquals(304, get("same-size-site", "If-None-Match: " + etag).status(), "unchanged: the browser's copy is good");

        Path page = dir.resolve("index.html");
        String old = Files.readString(page);
        String changed = old.replace("Hello from static", "Hello from STATIC");
        assertEquals(old.length(), changed.length());
        Files.writeString(page, changed);
        platform.commitAll(dir, "same size, new words");
        shell.run(dir, "git", "push", "paas", "main").ok();

        // What a browser holding v1 sends: both validators, then each alone.
        for (String[] validators : new String[][] {
                {"If-None-Match: " + etag, "If-Modified-Since: " + lastModified},
                {"If-None-Match: " + etag},
                {"If-Modified-Since: " + lastModified}}) {
            Answer v2 = get("same-size-site", validators);
            assertEquals(200, v2.status(), String.join(", ", validators) + " answered " + v2.headers());
            assertTrue(v2.body().contains("Hello from STATIC"), v2.body());
            assertNotEquals(etag, v2.header("etag"));
            assertEquals(v1.header("content-length"), v2.header("content-length"), "the same size");
        }
        Answer fresh = get("same-size-site");
        assertEquals(304, get("same-size-site", "If-None-Match: " + fresh.header("etag")).status(),
                "the new page's own validator still saves the download");
    }

    @Test
    void staticJsonAppIsServedAsHerokuBuildpackStaticServesIt() throws IOException {
        Path dir = platform.sample("static-json-app", "spa-site");
        shell.run(dir, "paas", "apps:create", "spa-site").ok();
        String push = shell.run(dir, "git", "push", "paas", "main").ok().output();
        assertTrue(push.contains("remote:        Document root: /app/public_html (4 files"), push);

        Answer index = get("spa-site");
        assertEquals(200, index.status(), index.headers() + index.body());
        assertTrue(index.body().contains("Single-page app shell"), index.body());
        assertEquals("DENY", index.header("x-frame-options"), index.headers());
        assertEquals("no-cache", index.header("cache-control"), index.headers());
        Answer view = page("spa-site", "/orders/42/edit");
        assertEquals(200, view.status(), "routes \"/**\" -> index.html: " + view.headers());
        assertTrue(view.body().contains("Single-page app shell"), view.body());
        Answer about = page("spa-site", "/about");
        assertEquals(200, about.status(), about.headers());
        assertTrue(about.body().contains("About this app"), "clean_urls: " + about.body());
        Answer moved = page("spa-site", "/old-about");
        assertEquals(302, moved.status(), moved.headers());
        assertEquals("/about", moved.header("location"));
        Answer asset = page("spa-site", "/assets/app.js");
        assertEquals(200, asset.status(), asset.headers());
        assertEquals("public, max-age=31536000, immutable", asset.header("cache-control"), asset.headers());
        Answer missing = page("spa-site", "/nothing-here.html");
        assertEquals(404, missing.status(), missing.headers());
        assertTrue(missing.body().contains("Nothing here (custom error page)"), missing.body());

        // https_only: the router tells the app the client's scheme, and replaces a client's own claim.
        Path settings = dir.resolve("static.json");
        Files.writeString(settings, Files.readString(settings).replace("\"clean_urls\": true,", "\"clean_urls\": true,\n  \"https_only\": true,"));
        platform.commitAll(dir, "https only");
        shell.run(dir, "git", "push", "paas", "main").ok();
        for (String[] headers : new String[][] {{}, {"X-Forwarded-Proto: https"}}) {
            Answer plain = page("spa-site", "/about?from=mail", headers);
            assertEquals(301, plain.status(), String.join(", ", headers) + ": " + plain.headers());
            assertEquals("https://spa-site.localhost/about?from=mail", plain.header("location"));
        }
    }

    @Test
    void nodeFourAppWithoutEnginesNpmIsBuiltAndServed() throws IOException {
        Path dir = platform.sample("node4-app", "node-four");
        shell.run(dir, "paas", "apps:create", "node-four").ok();
        String push = shell.run(dir, "git", "push", "paas", "main").ok().output();
        assertTrue(push.contains("remote:        Resolved Node.js 4.5.x -> 4.5.0"), push);
        assertTrue(push.contains("remote:  !     Node.js 4.5.0 is past its end of life"), push);
        assertTrue(push.contains("remote:        Picked npm 4.6.1, the newest npm that supports Node.js 4.5.0"), push);
        assertTrue(push.contains("remote:        Running npm install (no package-lock.json"), push);

        Answer page = get("node-four");
        assertEquals(200, page.status(), page.headers() + page.body());
        assertTrue(page.body().startsWith("Powered by Express 4.") && page.body().contains(" on node v4.5.0,"),
                page.body());
        assertTrue(Pattern.compile("(?m)^remote:        Layer \\.heroku/node \\([0-9.]+ MB\\): new\\s*$").matcher(push).find(), push);

        // a warm push: the runtime is the last release's image layer, neither compressed nor pushed again
        Path server = dir.resolve("server.js");
        Files.writeString(server, Files.readString(server).replace("'Powered by Express '", "'Now powered by Express '"));
        platform.commitAll(dir, "one line changed");
        String warm = platform.pushUntilServed("node-four", dir, "BuildpackAppsTest: node-four warm (one line changed)",
                "Now powered by Express 4.", "git", "push", "paas", "main");
        assertTrue(Pattern.compile("(?m)^remote:        Layer \\.heroku/node \\([0-9.]+ MB\\): unchanged, reused\\s*$")
                .matcher(warm).find(), warm);
        assertTrue(Pattern.compile("(?m)^remote:        Layer app \\([0-9.]+ [KM]B\\): new\\s*$").matcher(warm).find(), warm);
        assertPhaseTimes(warm);
    }

    /** The push ends with the time of each phase. */
    static void assertPhaseTimes(String push) {
        assertTrue(Pattern.compile("(?m)^remote: -----> Done in [0-9.]+ s \\(build [0-9.]+ s, image [0-9.]+ s, "
                + "release [0-9.]+ s\\)\\s*$").matcher(push).find(), push);
    }
}
