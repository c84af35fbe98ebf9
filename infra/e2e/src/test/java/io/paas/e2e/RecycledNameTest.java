package io.paas.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.paas.client.ControllerClient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A name taken again by another user after a destroy is a new app: alice creates, pushes and
 * destroys "shop"; bob creates "shop" and reaches nothing of hers through the git server or the
 * registry, and his unrelated first push deploys. And a build still running when its app is destroyed
 * does not become the release of the new app of that name.
 */
class RecycledNameTest {
    private static final String APP = "shop";

    @Test
    void aRecycledNameReachesNothingOfTheDestroyedApp() throws IOException {
        Platform platform = Platform.get();
        Shell alice = platform.shell();
        Path aliceDir = platform.sample("static-app", "shop-alice");
        alice.run(aliceDir, "paas", "apps:create", APP).ok();
        alice.run(aliceDir, "git", "push", "paas", "main").ok();
        assertEquals(200, Platform.status(platform.curl(APP)));
        String aliceCommit = alice.run(aliceDir, "git", "rev-parse", "HEAD").ok().output().strip();
        JsonNode aliceApp = json(alice.run(aliceDir, "paas", "apps:info", "--json").ok());
        String aliceId = aliceApp.path("app").path("id").asText();
        String aliceImage = aliceApp.path("release").path("image").asText();
        String aliceDigest = aliceImage.substring(aliceImage.indexOf('@') + 1);
        assertTrue(aliceImage.contains("/" + aliceId + "@sha256:"), "the image goes by the app id: " + aliceImage);
        assertTrue(Files.isDirectory(platform.data.resolve("git/" + aliceId + ".git")));
        assertTrue(Files.isDirectory(platform.data.resolve("cache/" + aliceId)));
        // alice's slug (her code) is the last layer of her image
        JsonNode aliceManifest = ControllerClient.JSON.readTree(platform.registry(aliceId + "/manifests/" + aliceDigest));
        JsonNode aliceLayers = aliceManifest.path("layers");
        String aliceSlug = aliceLayers.get(aliceLayers.size() - 1).path("digest").asText();
        assertTrue(aliceSlug.startsWith("sha256:"), aliceManifest.toString());

        alice.run(aliceDir, "paas", "apps:destroy", "-a", APP, "--confirm", APP).ok();
        for (String store : new String[] {"git/" + aliceId + ".git", "cache/" + aliceId, "builds/" + aliceId}) {
            assertFalse(Files.exists(platform.data.resolve(store)), "destroy removed " + store);
        }
        assertEquals(404, platform.registryStatus(aliceId + "/manifests/" + aliceDigest), "alice's image is deleted");
        assertFalse(platform.registry(aliceId + "/tags/list").contains("\"v"), "no release tag of alice's is left");

        Shell bob = platform.registerUser("bob");
        bob.run(platform.work, "paas", "apps:create", APP, "--no-remote").ok();
        JsonNode bobApp = json(bob.run(platform.work, "paas", "apps:info", "-a", APP, "--json").ok()).path("app");
        String bobId = bobApp.path("id").asText();
        assertNotEquals(aliceId, bobId, "a recycled name is a new app");

        Path clone = platform.work.resolve("shop-bob");
        Shell.Result cloned = bob.run(platform.work, "git", "clone", bobApp.path("gitUrl").asText(), clone.toString()).ok();
        assertTrue(cloned.output().contains("empty repository"), "bob's clone is empty: " + cloned.output());
        assertEquals("", bob.run(clone, "git", "ls-remote", "origin").ok().output().strip(), "no ref of alice's");
        Shell.Result fetch = bob.run(clone, "git", "fetch", "origin", aliceCommit);
        assertNotEquals(0, fetch.exit(), "alice's commit is not served under bob's app: " + fetch.output());

        Files.writeString(clone.resolve("index.html"), "<h1>Bob's shop</h1>\n");
        bob.run(clone, "git", "add", "-A").ok();
        bob.run(clone, "git", "commit", "-q", "-m", "bob's shop").ok();
        bob.run(clone, "git", "push", "origin", "HEAD:main").ok();
        Shell.Result page = platform.curl(APP);
        assertEquals(200, Platform.status(page), page.output());
        assertTrue(page.output().contains("Bob's shop"), page.output());

        String bobImage = json(bob.run(clone, "paas", "apps:info", "-a", APP, "--json").ok())
                .path("release").path("image").asText();
        assertTrue(bobImage.contains("/" + bobId + "@sha256:"), bobImage);
        assertNotEquals(aliceDigest, bobImage.substring(bobImage.indexOf('@') + 1));
        assertEquals(404, platform.registryStatus(bobId + "/manifests/" + aliceDigest),
                "alice's image is not reachable under bob's repository");
        assertFalse(platform.registry(bobId + "/tags/list").contains(aliceDigest));
        assertEquals(404, platform.registryStatus(bobId + "/blobs/" + aliceSlug),
                "alice's slug layer (her code) is not reachable under bob's repository");
    }

    @Test
    void aBuildStillRunningWhenItsAppIsDestroyedDoesNotBecomeTheNewAppsRelease() throws Exception {
        Platform platform = Platform.get();
        String app = "slowshop";
        Shell alice = platform.shell();
        Path aliceDir = platform.work.resolve("slowshop-alice");
        Files.createDirectories(aliceDir);
        // a build script that announces itself and then takes its time: the destroy lands meanwhile
        Files.writeString(aliceDir.resolve("package.json"), "{\"name\": \"slowshop\", \"version\": \"1.0.0\", "
                + "\"scripts\": {\"build\": \"echo alice-build-started && sleep 20\", \"start\": \"node server.js\"}}\n");
        Files.writeString(aliceDir.resolve("server.js"), "require('http').createServer((q, r) => r.end('alice slowshop\\n'))"
                + ".listen(process.env.PORT);\n");
        alice.run(aliceDir, "git", "init", "-q", "-b", "main").ok();
        platform.commitAll(aliceDir, "first");
        alice.run(aliceDir, "paas", "apps:create", app).ok();
        String aliceId = json(alice.run(aliceDir, "paas", "apps:info", "--json").ok()).path("app").path("id").asText();

        CompletableFuture<Shell.Result> push = CompletableFuture.supplyAsync(
                () -> alice.run(aliceDir, "git", "push", "paas", "main"));
        Path builds = platform.data.resolve("builds/" + aliceId);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!buildLogSays(builds, "alice-build-started")) {
            assertTrue(System.nanoTime() < deadline, "alice's build script never started");
            assertFalse(push.isDone(), () -> "the push ended before its build script ran: " + push.join().output());
            Thread.sleep(200);
        }

        alice.run(aliceDir, "paas", "apps:destroy", app, "--confirm", app).ok();
        Shell carol = platform.registerUser("carol");
        carol.run(platform.work, "paas", "apps:create", app, "--no-remote").ok();
        String carolId = json(carol.run(platform.work, "paas", "apps:info", "-a", app, "--json").ok())
                .path("app").path("id").asText();
        assertNotEquals(aliceId, carolId);

        Shell.Result pushed = push.get(5, TimeUnit.MINUTES);
        assertNotEquals(0, pushed.exit(), "alice's build of the destroyed app is refused: " + pushed.output());
        assertTrue(pushed.output().contains("alice-build-started"), pushed.output());
        JsonNode releases = json(carol.run(platform.work, "paas", "releases", "-a", app, "--json").ok());
        assertEquals(1, releases.size(), "carol's app has only its initial release: " + releases);
        assertTrue(releases.get(0).path("image").isNull() || releases.get(0).path("image").isMissingNode(), releases.toString());
        Shell.Result page = platform.curl(app);
        assertFalse(page.output().contains("alice slowshop"), "alice's code does not serve under carol's app: " + page.output());
        for (int i = 0; i < 100 && Files.exists(platform.data.resolve("git/" + aliceId + ".git")); i++) {
            Thread.sleep(100);
        }
        assertFalse(Files.exists(platform.data.resolve("git/" + aliceId + ".git")), "alice's repository went when her push ended");
        assertFalse(Files.exists(builds), "and her build scratch");
    }

    private static boolean buildLogSays(Path builds, String text) throws IOException {
        if (!Files.isDirectory(builds)) {
            return false;
        }
        // builds/<app id>/<build id>/build.log; the slug beside them is written and deleted meanwhile
        try (Stream<Path> files = Files.walk(builds, 2)) {
            return files.filter(f -> f.getFileName().toString().equals("build.log")).anyMatch(f -> {
                try {
                    return Files.readString(f).contains(text);
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException vanished) {
            return false; // a folder went while it was read: the next look sees
        }
    }

    private static JsonNode json(Shell.Result result) throws IOException {
        return ControllerClient.JSON.readTree(result.output());
    }
}
