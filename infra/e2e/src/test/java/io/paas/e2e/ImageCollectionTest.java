package io.paas.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.paas.client.ControllerClient;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Old release images go (PAAS_RELEASES_KEPT=2 here): once a third build is live, the first build's image is
 * deleted from the registry, its layers leave the registry's disk at the builder's next garbage collection, the
 * engine drops its copy, and a rollback to its release is refused with the reason; the kept ones still roll back.
 */
class ImageCollectionTest {
    private static final String APP = "images-a";

    @Test
    void imagesBeyondTheKeptReleasesLeaveRegistryAndEngineAndKeptOnesRollBack() throws Exception {
        Platform platform = Platform.startedWith(Map.of("PAAS_RELEASES_KEPT", "2", "PAAS_REGISTRY_GC_INTERVAL", "3"));
        try {
            Shell shell = platform.shell();
            Path dir = platform.sample("static-app", APP);
            shell.run(dir, "paas", "apps:create", APP).ok();
            Set<String> firstLayers = null;
            for (String word : new String[] {"one", "two", "three"}) {
                Files.writeString(dir.resolve("index.html"), "<h1>Build " + word + "</h1>\n");
                platform.commitAll(dir, "build " + word);
                platform.pushUntilServed(APP, dir, "images: push " + word, "Build " + word, "git", "push", "paas", "main");
                if (firstLayers == null) {
                    firstLayers = layers(platform, image(releases(shell, platform), 2));
                }
            }
            JsonNode releases = releases(shell, platform);
            String first = image(releases, 2);
            String second = image(releases, 3);
            String third = image(releases, 4);
            assertEquals(3, Set.of(first, second, third).size(), releases.toString());
            String repository = repository(first);

            // the first build's image leaves the registry after the third one's rollout has retired the old containers
            String firstDigest = first.substring(first.indexOf('@') + 1);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (platform.registryStatus(repository + "/manifests/" + firstDigest) != 404) {
                assertTrue(System.nanoTime() < deadline, "the first build's manifest is still in the registry");
                Thread.sleep(500);
            }
            for (String kept : new String[] {second, third}) {
                assertEquals(200, platform.registryStatus(repository + "/manifests/" + kept.substring(kept.indexOf('@') + 1)),
                        kept + " is kept");
            }
            // ... and its own layer (the slug with "Build one") leaves the registry's disk at the next collection
            Set<String> keptLayers = new HashSet<>();
            for (String kept : new String[] {second, third}) {
                keptLayers.addAll(layers(platform, kept));
            }
            Set<String> gone = new HashSet<>(firstLayers);
            gone.removeAll(keptLayers);
            assertFalse(gone.isEmpty(), "the first build has a layer of its own");
            deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            for (String layer : gone) {
                Path blob = platform.data.resolve("registry/data/docker/registry/v2/blobs/sha256/" + layer.substring(7, 9)
                        + "/" + layer.substring(7));
                while (Files.exists(blob)) {
                    assertTrue(System.nanoTime() < deadline, blob + " is still on the registry's disk");
                    Thread.sleep(500);
                }
            }
            for (String kept : keptLayers) {
                assertTrue(Files.exists(platform.data.resolve("registry/data/docker/registry/v2/blobs/sha256/" + kept.substring(7, 9)
                        + "/" + kept.substring(7))), "kept layer " + kept);
            }
            // the engine's copy is gone too; the running release's is there
            assertNotEquals(0, shell.run(platform.work, "podman", "image", "exists", first).exit(), first + " left in the engine");
            shell.run(platform.work, "podman", "image", "exists", third).ok();

            Shell.Result refused = shell.run(dir, "paas", "releases:rollback", "v2");
            assertNotEquals(0, refused.exit(), refused.output());
            assertTrue(refused.output().contains("v2's image is no longer kept"), refused.output());
            assertTrue(refused.output().contains("newest 2 releases"), refused.output());

            shell.run(dir, "paas", "releases:rollback", "v3").ok();
            Shell.Result page = platform.awaitServed(APP, "Build two", System.nanoTime() + Duration.ofSeconds(60).toNanos());
            assertTrue(page.output().contains("Build two"), page.output());
        } finally {
            platform.stop();
        }
    }

    private static String image(JsonNode releases, int version) {
        for (JsonNode release : releases) {
            if (release.path("version").asInt() == version) {
                return release.path("image").asText();
            }
        }
        throw new AssertionError("no v" + version + " in " + releases);
    }

    private static JsonNode releases(Shell shell, Platform platform) throws Exception {
        return ControllerClient.JSON.readTree(shell.run(platform.work, "paas", "releases", "-a", APP, "--json").ok().output());
    }

    private static String repository(String image) {
        return image.substring(image.indexOf('/') + 1, image.indexOf('@'));
    }

    /** The layer digests of a build's image, from its manifest in the registry. */
    private static Set<String> layers(Platform platform, String image) throws Exception {
        JsonNode manifest = ControllerClient.JSON.readTree(platform.registry(repository(image) + "/manifests/"
                + image.substring(image.indexOf('@') + 1)));
        Set<String> digests = new HashSet<>();
        manifest.path("layers").forEach(layer -> digests.add(layer.path("digest").asText()));
        assertFalse(digests.isEmpty(), manifest.toString());
        return digests;
    }
}
