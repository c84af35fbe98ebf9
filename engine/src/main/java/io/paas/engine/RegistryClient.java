package io.paas.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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

/**
 * Calls to the platform's registry (distribution API v2, plain HTTP on this machine) beyond Jib's push and the
 * engine's pull: the builder tags releases and deletes a destroyed app's images, the controller deletes the
 * images of releases it no longer keeps. Deleted manifests' layers stay on disk until the registry's garbage
 * collection (RegistryCollection in the builder).
 */
public class RegistryClient {
    private static final ObjectMapper JSON = new ObjectMapper();
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
            JSON.readTree(page.body()).path("repositories").forEach(name -> names.add(name.asText()));
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
        for (JsonNode tag : JSON.readTree(list.body()).path("tags")) {
            HttpResponse<Void> head = http.send(HttpRequest.newBuilder(URI.create(base + "/manifests/" + tag.asText()))
                    .header("Accept", ACCEPT).timeout(Duration.ofSeconds(30))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            head.headers().firstValue("Docker-Content-Digest").ifPresent(digests::add);
        }
        int deleted = 0;
        for (String digest : digests) {
            if (delete(repository, digest)) {
                deleted++;
            }
        }
        return deleted;
    }

    /** Deletes one manifest; true when it was there, false when it was already gone. */
    public boolean delete(String repository, String digest) throws IOException, InterruptedException {
        HttpResponse<String> delete = http.send(HttpRequest.newBuilder(URI.create("http://" + registry + "/v2/" + repository
                        + "/manifests/" + digest)).timeout(Duration.ofSeconds(30)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        if (delete.statusCode() == 202) {
            return true;
        }
        if (delete.statusCode() == 404) {
            return false;
        }
        throw new IOException("registry answered " + delete.statusCode() + " deleting " + repository + "@" + digest + ": "
                + delete.body().strip());
    }
}
