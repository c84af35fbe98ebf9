package io.paas.controller.scheduler.kubernetes;

import io.paas.controller.scheduler.ImagePullException;
import io.paas.controller.scheduler.PulledImage;
import io.paas.controller.scheduler.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * On a cluster the nodes pull; the controller reads the pin and the EXPOSEd ports from the
 * registry's API: here from a real registry (Debian's docker-registry), into which the test
 * uploads images over the same API a push uses.
 */
class RegistryManifestsTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private TestRegistry registry;
    private RegistryManifests manifests;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        assumeTrue(TestRegistry.installed(), "docker-registry is not installed");
        registry = TestRegistry.start(TestRegistry.freePort(), dir);
        manifests = new RegistryManifests(Set.of(registry.address));
    }

    @AfterEach
    void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void anImageIsPinnedToTheDigestItsRegistryServesWithTheTcpPortsItExposesLowestFirst() throws Exception {
        String digest = push("team/shop", "1", "{\"8080/tcp\":{},\"53/udp\":{},\"3000/tcp\":{}}");

        PulledImage pulled = manifests.pin(registry.address + "/team/shop:1", null);

        assertEquals(new PulledImage(registry.address + "/team/shop@" + digest, List.of(3000, 8080)), pulled);
        assertEquals(pulled, manifests.pin(registry.address + "/team/shop@" + digest, null), "a pinned name pins to itself");
    }

    @Test
    void anIndexIsPinnedAsItIsAndItsPortsReadFromTheImageOfTheNodesPlatform() throws Exception {
        String image = push("team/multi", "amd64", "{\"5000/tcp\":{}}");
        String arm = push("team/multi", "arm64", "{\"9999/tcp\":{}}");
        String index = """
                {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
                {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":%d,"platform":{"architecture":"arm64","os":"linux"}},
                {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"%s","size":%d,"platform":{"architecture":"amd64","os":"linux"}}]}
                """.formatted(arm, manifestSize("team/multi", arm), image, manifestSize("team/multi", image));
        String indexDigest = putManifest("team/multi", "2", "application/vnd.oci.image.index.v1+json", index);

        PulledImage pulled = manifests.pin(registry.address + "/team/multi:2", null);

        assertEquals(registry.address + "/team/multi@" + indexDigest, pulled.pinned());
        String arch = System.getProperty("os.arch").contains("aarch64") ? "arm64" : "amd64";
        assertEquals(arch.equals("amd64") ? List.of(5000) : List.of(9999), pulled.exposedTcpPorts());
    }

    @Test
    void anImageTheRegistryDoesNotHaveIsAClearError() {
        ImagePullException e = assertThrows(ImagePullException.class,
                () -> manifests.pin(registry.address + "/team/nothing:1", null));
        assertTrue(e.getMessage().contains("has no such image"), e.getMessage());
    }

    /** Uploads a config blob with those ExposedPorts and a manifest naming it (no layer); answers the manifest's digest. */
    private String push(String repository, String tag, String exposedPorts) throws Exception {
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"ExposedPorts\":" + exposedPorts
                + "},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}").getBytes(StandardCharsets.UTF_8);
        String configDigest = digest(config);
        HttpResponse<String> upload = HTTP.send(HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, upload.statusCode(), upload.body());
        String location = upload.headers().firstValue("Location").orElseThrow();
        URI put = URI.create((location.startsWith("http") ? location : "http://" + registry.address + location)
                + (location.contains("?") ? "&" : "?") + "digest=" + configDigest);
        HttpResponse<String> stored = HTTP.send(HttpRequest.newBuilder(put).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(config)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, stored.statusCode(), stored.body());
        String manifest = """
                {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",
                "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"%s","size":%d},"layers":[]}
                """.formatted(configDigest, config.length);
        return putManifest(repository, tag, "application/vnd.oci.image.manifest.v1+json", manifest);
    }

    private String putManifest(String repository, String tag, String mediaType, String manifest) throws Exception {
        HttpResponse<String> put = HTTP.send(HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + tag))
                .header("Content-Type", mediaType).PUT(HttpRequest.BodyPublishers.ofString(manifest)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, put.statusCode(), put.body());
        return put.headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    private int manifestSize(String repository, String digest) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + digest))
                .header("Accept", "application/vnd.oci.image.manifest.v1+json").build(),
                HttpResponse.BodyHandlers.ofByteArray()).body().length;
    }

    private URI uri(String path) {
        return URI.create("http://" + registry.address + path);
    }

    private static String digest(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
