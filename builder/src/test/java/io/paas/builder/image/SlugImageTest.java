package io.paas.builder.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.paas.builder.build.Trees;
import io.paas.builder.testkit.PrivateRegistry;
import io.paas.client.ControllerClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Slug images pushed by Jib to a real registry: an unchanged runtime layer is reused, not built or pushed again. */
class SlugImageTest {
    private static final Instant RUNTIME_TIME = Instant.parse("2025-10-01T12:00:00Z");

    @TempDir
    Path tmp;

    @Test
    void anUnchangedRuntimeLayerIsNeitherCompressedNorPushedAgain() throws Exception {
        assumeTrue(PrivateRegistry.available(), "docker-registry missing");
        try (PrivateRegistry registry = new PrivateRegistry(Files.createDirectories(tmp.resolve("registry")))) {
            SlugImage image = new SlugImage("scratch", tmp.resolve("base-layers"));
            LayerCache cache = new LayerCache(tmp.resolve("layers"));
            Path slug = tmp.resolve("slug");
            String target = registry.address() + "/app1:build-1";

            build(slug, "v1");
            List<String> first = new ArrayList<>();
            image.push(slug, target, Map.of("paas.app", "app1"), cache, first::add);
            assertTrue(first.contains("       Layer .heroku/node (2.0 MB): new"), first.toString());
            assertTrue(first.contains("       Layer app (1 KB): new"), first.toString());
            List<String> v1 = layers(registry, "app1", "build-1");
            assertEquals(2, v1.size(), v1.toString());
            Path cachedRuntime = onlyFileIn(tmp.resolve("layers/layers").resolve(hash(v1.get(0))));
            FileTime compressed = Files.getLastModifiedTime(cachedRuntime);

            // the next build: the slug made anew at the same path, the runtime copied from the buildpack's cache
            Trees.delete(slug);
            build(slug, "v2");
            List<String> second = new ArrayList<>();
            image.push(slug, registry.address() + "/app1:build-2", Map.of("paas.app", "app1"), cache, second::add);

            assertTrue(second.contains("       Layer .heroku/node (2.0 MB): unchanged, reused"), second.toString());
            assertTrue(second.contains("       Layer app (1 KB): new"), second.toString());
            List<String> v2 = layers(registry, "app1", "build-2");
            assertEquals(v1.get(0), v2.get(0), "the same runtime layer");
            assertNotEquals(v1.get(1), v2.get(1), "a new app layer");
            assertEquals(compressed, Files.getLastModifiedTime(cachedRuntime), "not compressed again");
            assertEquals(1, uploads(registry, v1.get(0)), "runtime uploaded once: " + registry.requests());
            assertEquals(1, uploads(registry, v2.get(1)), "the new app layer uploaded");
            // the cache holds the latest build's layers only
            try (Stream<Path> cached = Files.list(tmp.resolve("layers/layers"))) {
                assertEquals(List.of(hash(v2.get(0)), hash(v2.get(1))).stream().sorted().toList(),
                        cached.map(p -> p.getFileName().toString()).sorted().toList());
            }
            try (Stream<Path> selectors = Files.list(tmp.resolve("layers/selectors"))) {
                assertEquals(2, selectors.count());
            }
        }
    }

    /** What a Node.js build leaves: a runtime from the buildpack's cache (cp -a: files keep their times), the app. */
    private static void build(Path slug, String version) throws Exception {
        Path bin = Files.createDirectories(slug.resolve(".heroku/node/bin"));
        byte[] node = new byte[2 * 1024 * 1024];
        new Random(7).nextBytes(node);
        Files.write(bin.resolve("node"), node);
        Files.setLastModifiedTime(bin.resolve("node"), FileTime.from(RUNTIME_TIME));
        Files.createSymbolicLink(bin.resolve("npm"), Path.of("../lib/node_modules/npm/bin/npm-cli.js"));
        Files.writeString(slug.resolve("server.js"), "console.log('" + version + "')\n");
        Files.createDirectories(slug.resolve(".paas"));
        Files.writeString(slug.resolve(SlugLayers.DECLARED), ".heroku/node\n");
    }

    /** The digests of the image's layers, in order. */
    private static List<String> layers(PrivateRegistry registry, String repository, String tag) throws Exception {
        HttpResponse<String> manifest = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://" + registry.address() + "/v2/" + repository + "/manifests/" + tag))
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json, "
                        + "application/vnd.oci.image.manifest.v1+json").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, manifest.statusCode(), manifest.body());
        List<String> digests = new ArrayList<>();
        for (JsonNode layer : ControllerClient.JSON.readTree(manifest.body()).path("layers")) {
            digests.add(layer.path("digest").asText());
        }
        return digests;
    }

    /** How many uploads of that blob the registry completed. */
    private static long uploads(PrivateRegistry registry, String digest) throws Exception {
        return registry.requests().stream()
                .filter(line -> line.contains("http.request.method=PUT") && line.contains("/blobs/uploads/")
                        && line.contains(hash(digest)))
                .count();
    }

    private static String hash(String digest) {
        return digest.substring(digest.indexOf(':') + 1);
    }

    private static Path onlyFileIn(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertEquals(1, all.size(), all.toString());
            return all.get(0);
        }
    }
}
