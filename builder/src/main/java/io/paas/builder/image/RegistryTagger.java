package io.paas.builder.image;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Adds a tag (v3) to a manifest already in the registry, by copying it under the new name. */
public class RegistryTagger {
    private static final String ACCEPT = String.join(", ",
            "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.index.v1+json");

    private final String registry;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public RegistryTagger(String registry) {
        this.registry = registry;
    }

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
}
