package io.paas.controller.scheduler.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paas.controller.scheduler.ImageNames;
import io.paas.controller.scheduler.ImagePullException;
import io.paas.controller.scheduler.PulledImage;
import io.paas.controller.scheduler.RegistryAuth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * On a cluster the nodes pull images themselves; the controller only needs what a pull tells the
 * Docker-API engine: the digest to pin the release to, and the ports the image EXPOSEs. Both come
 * from the registry's HTTP API (distribution spec v2): the manifest, and the image's config blob,
 * with the registries' token login (Bearer challenge) or Basic.
 */
final class RegistryManifests {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCEPT = String.join(", ",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json");
    private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final Set<String> plainHttpRegistries;

    /** @param plainHttpRegistries registries (host:port) served over plain HTTP, as a platform's own on one machine */
    RegistryManifests(Set<String> plainHttpRegistries) {
        this.plainHttpRegistries = Set.copyOf(plainHttpRegistries);
    }

    record Reference(String registry, String repository, String tagOrDigest, String named) {
        /** host[:port]/path[:tag|@digest]; no host: Docker Hub, as engines read it. */
        static Reference parse(String image) {
            String rest = image;
            String ref;
            int at = rest.indexOf('@');
            if (at >= 0) {
                ref = rest.substring(at + 1);
                rest = rest.substring(0, at);
            } else {
                int slash = rest.lastIndexOf('/');
                int colon = rest.lastIndexOf(':');
                if (colon > slash) {
                    ref = rest.substring(colon + 1);
                    rest = rest.substring(0, colon);
                } else {
                    ref = "latest";
                }
            }
            String registry = ImageNames.registryOf(rest);
            if (registry != null) {
                return new Reference(registry, rest.substring(registry.length() + 1), ref, rest);
            }
            String path = rest.contains("/") ? rest : "library/" + rest;
            return new Reference("registry-1.docker.io", path, ref, rest);
        }
    }

    PulledImage pin(String image, RegistryAuth auth) {
        Reference ref = Reference.parse(image);
        Login login = new Login(ref, auth != null && sameRegistry(auth.registry(), ref.registry()) ? auth : null);
        try {
            HttpResponse<byte[]> manifest = login.get("/manifests/" + ref.tagOrDigest(), ACCEPT);
            String digest = manifest.headers().firstValue("Docker-Content-Digest").orElse(sha256(manifest.body()));
            if (ref.tagOrDigest().startsWith("sha256:")) {
                digest = ref.tagOrDigest();
            }
            JsonNode body = JSON.readTree(manifest.body());
            if (body.has("manifests")) {
                // an index: the ports are the same on each platform's image; read the one this kind of node runs
                String platformDigest = platformManifest(body, image);
                body = JSON.readTree(login.get("/manifests/" + platformDigest, ACCEPT).body());
            }
            String configDigest = body.path("config").path("digest").asText("");
            if (configDigest.isEmpty()) {
                throw new ImagePullException(image, "its registry serves a manifest with no image config");
            }
            JsonNode config = JSON.readTree(login.get("/blobs/" + configDigest, "*/*").body());
            return new PulledImage(ref.named() + "@" + digest, exposedTcpPorts(config.path("config").path("ExposedPorts")));
        } catch (IOException e) {
            throw new ImagePullException(image, "its registry " + ref.registry() + " cannot be read: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImagePullException(image, "interrupted");
        }
    }

    private static String platformManifest(JsonNode index, String image) {
        String arch = nodeArchitecture();
        for (JsonNode m : index.path("manifests")) {
            JsonNode platform = m.path("platform");
            if ("linux".equals(platform.path("os").asText()) && arch.equals(platform.path("architecture").asText())) {
                return m.path("digest").asText();
            }
        }
        throw new ImagePullException(image, "it has no linux/" + arch + " image");
    }

    private static String nodeArchitecture() {
        String arch = System.getProperty("os.arch", "amd64").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
    }

    static List<Integer> exposedTcpPorts(JsonNode exposed) {
        List<Integer> ports = new ArrayList<>();
        for (Iterator<String> names = exposed.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            String[] parts = name.split("/", 2);
            if (parts.length == 1 || "tcp".equalsIgnoreCase(parts[1])) {
                try {
                    ports.add(Integer.parseInt(parts[0]));
                } catch (NumberFormatException ignored) {
                    // not a port: nothing to route to
                }
            }
        }
        ports.sort(null);
        return ports;
    }

    private static boolean sameRegistry(String a, String b) {
        String hub = "registry-1.docker.io";
        return a.equals(b) || (b.equals(hub) && (a.equals("docker.io") || a.equals("index.docker.io")));
    }

    private static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One image's reads, with the authorization the registry asked for once, reused for the rest. */
    private final class Login {
        private final Reference ref;
        private final RegistryAuth auth;
        private String authorization;

        Login(Reference ref, RegistryAuth auth) {
            this.ref = ref;
            this.auth = auth;
        }

        HttpResponse<byte[]> get(String path, String accept) throws IOException, InterruptedException {
            String scheme = plainHttpRegistries.contains(ref.registry()) ? "http" : "https";
            URI uri = URI.create(scheme + "://" + ref.registry() + "/v2/" + ref.repository() + path);
            HttpResponse<byte[]> answer = send(uri, accept);
            if (answer.statusCode() == 401 && authorization == null) {
                authorization = authorize(answer.headers().firstValue("WWW-Authenticate").orElse(""));
                answer = send(uri, accept);
            }
            if (answer.statusCode() == 401 || answer.statusCode() == 403) {
                throw new ImagePullException(ref.named(), "its registry refuses "
                        + (auth == null ? "to serve it without a login (paas registry:login)" : "the login given"));
            }
            if (answer.statusCode() == 404) {
                throw new ImagePullException(ref.named() + ":" + ref.tagOrDigest(), "its registry has no such image");
            }
            if (answer.statusCode() != 200) {
                throw new ImagePullException(ref.named(), "its registry answers " + answer.statusCode());
            }
            return answer;
        }

        private HttpResponse<byte[]> send(URI uri, String accept) throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("Accept", accept);
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        }

        private String authorize(String challenge) throws IOException, InterruptedException {
            String basic = auth == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                    (auth.username() + ":" + auth.password()).getBytes(StandardCharsets.UTF_8));
            if (!challenge.regionMatches(true, 0, "Bearer ", 0, 7)) {
                return basic;
            }
            Map<String, String> params = new java.util.HashMap<>();
            Matcher m = CHALLENGE_PARAM.matcher(challenge);
            while (m.find()) {
                params.put(m.group(1).toLowerCase(Locale.ROOT), m.group(2));
            }
            String realm = params.get("realm");
            if (realm == null) {
                return basic;
            }
            StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? "&" : "?");
            url.append("scope=").append(URLEncoder.encode(params.getOrDefault("scope",
                    "repository:" + ref.repository() + ":pull"), StandardCharsets.UTF_8));
            if (params.containsKey("service")) {
                url.append("&service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8));
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url.toString())).timeout(Duration.ofSeconds(30));
            if (basic != null) {
                request.header("Authorization", basic);
            }
            HttpResponse<byte[]> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (answer.statusCode() != 200) {
                return basic;
            }
            JsonNode token = JSON.readTree(answer.body());
            String value = token.path("token").asText(token.path("access_token").asText(""));
            return value.isEmpty() ? basic : "Bearer " + value;
        }
    }
}
