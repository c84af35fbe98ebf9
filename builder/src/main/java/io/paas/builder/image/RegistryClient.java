package io.paas.builder.image;

import com.fasterxml.jackson.databind.JsonNode;
import io.paas.client.ControllerClient;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The builder's calls to the platform registry beyond Jib's push: tag a release, delete an app's images. */
public class RegistryClient {
    private static final String ACCEPT = String.join(", ",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.index.v1+json");

    // the most the registry gives in one catalog answer (a larger n is refused)
    private static final int CATALOG_PAGE = 1000;

    private final String registry;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public RegistryClient(String registry) {
        this.registry = registry;
    }

    /** Adds a tag (v3) to a manifest already in the registry, by copying it under the new name. */
    public void tag(String repository, String digest, String tag) throws IOException, InterruptedException {
        String base = "http://" + registry + "/v2/" + repository + "/manifests/";
        HttpResponse<byte[]> manifest = http.send(HttpRequest.newBuilder(URI.create(base + digest))
                .header("Accept", ACCEPT).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (manifest.statusCode() != 200) {
            throw new IOException("registry answered " + manifest.statusCode() + " for " + repository + "@" + digest);
        }
        String type = manifest.headers().firstValue("Content-Type")
                .orElse("application/vnd.docker.distribution.manifest.v2+json");
        HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(base + tag))
                .header("Content-Type", type).timeout(Duration.ofSeconds(30))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest.body())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (put.statusCode() != 201 && put.statusCode() != 200) {
            throw new IOException("registry answered " + put.statusCode() + " tagging " + repository + ":" + tag
                    + ": " + put.body());
        }
    }

    /** The names of the registry's repositories (the stack's and every app's), a page at a time. */
    public List<String> repositories() throws IOException, InterruptedException {
        List<String> names = new ArrayList<>();
        while (true) {
            String after = names.isEmpty() ? "" : "&last=" + URLEncoder.encode(names.get(names.size() - 1),
                    StandardCharsets.UTF_8);
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create("http://" + registry
                            + "/v2/_catalog?n=" + CATALOG_PAGE + after)).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() != 200) {
                throw new IOException("registry answered " + page.statusCode() + " listing repositories: " + page.body());
            }
            int before = names.size();
            ControllerClient.JSON.readTree(page.body()).path("repositories").forEach(name -> names.add(name.asText()));
            if (names.size() - before < CATALOG_PAGE) {
                return names;
            }
        }
    }

    /**
     * Deletes every manifest of the repository (which drops their tags too); answers how many. The
     * layers stay on disk until the registry's garbage collection, unreachable through this repository.
     */
    public int deleteAll(String repository) throws IOException, InterruptedException {
        String base = "http://" + registry + "/v2/" + repository;
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(URI.create(base + "/tags/list"))
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (list.statusCode() == 404) {
            return 0; // never pushed to
        }
        if (list.statusCode() != 200) {
            throw new IOException("registry answered " + list.statusCode() + " listing " + repository + ": " + list.body());
        }
        Set<String> digests = new LinkedHashSet<>();
        for (JsonNode tag : ControllerClient.JSON.readTree(list.body()).path("tags")) {
            HttpResponse<Void> head = http.send(HttpRequest.newBuilder(URI.create(base + "/manifests/" + tag.asText()))
                    .header("Accept", ACCEPT).timeout(Duration.ofSeconds(30))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            head.headers().firstValue("Docker-Content-Digest").ifPresent(digests::add);
        }
        int deleted = 0;
        for (String digest : digests) {
            HttpResponse<String> delete = http.send(HttpRequest.newBuilder(URI.create(base + "/manifests/" + digest))
                    .timeout(Duration.ofSeconds(30)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
            if (delete.statusCode() == 202) {
                deleted++;
            } else if (delete.statusCode() != 404) {
                throw new IOException("registry answered " + delete.statusCode() + " deleting " + repository + "@"
                        + digest + ": " + delete.body());
            }
        }
        return deleted;
    }
}
