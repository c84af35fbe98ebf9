package io.paas.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.paas.client.ControllerClient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A name taken again by another user after a destroy is a new app: alice creates, pushes and
 * destroys "shop"; bob creates "shop" and reaches nothing of hers through the git server or the
 * registry, and his unrelated first push deploys.
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
    }

    private static JsonNode json(Shell.Result result) throws IOException {
        return ControllerClient.JSON.readTree(result.output());
    }
}
