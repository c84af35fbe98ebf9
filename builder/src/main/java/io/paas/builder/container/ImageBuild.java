package io.paas.builder.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import io.paas.builder.DaemonThreads;
import io.paas.builder.build.BuildFailure;
import io.paas.builder.build.BuildOutput;
import io.paas.client.ControllerClient;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Dockerfile build by the engine itself (POST /build with the context as a tar), and the push of
 * its image to the platform registry. docker-java's build and push commands send no CPU quota, and
 * Podman answers 200 with the error inside the stream: both calls are made here, and every item of
 * the answer is read for an error.
 */
public class ImageBuild {
    private static final String API = "/v1.41";
    // base64 of "{}": the platform registry asks for no credentials
    private static final String NO_AUTH = "e30=";
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Duration PUSH_TIMEOUT = Duration.ofMinutes(30);
    // Podman appends its parser's Go struct to an unknown instruction's error
    private static final Pattern ENGINE_INTERNALS = Pattern.compile("\\s*&imagebuilder\\.Step\\{.*$", Pattern.DOTALL);

    private final DockerClient docker;
    private final DockerHttpClient http;
    private final Duration timeout;
    private final ExecutorService readers = Executors.newCachedThreadPool(new DaemonThreads("image-build-stream"));

    public ImageBuild(DockerClient docker, Duration timeout) {
        if (!(docker instanceof DockerClientImpl impl)) {
            throw new IllegalArgumentException("an engine connection from DockerConnection is needed");
        }
        this.docker = docker;
        this.http = impl.getHttpClient();
        this.timeout = timeout;
    }

    /**
     * RUN steps get a network namespace of their own. Podman's compat build otherwise runs them in
     * the host's (it ignores networkmode), where the platform's registry, with every app's images,
     * and its controller listen on loopback; with this they reach the outside as app containers do.
     */
    private static final String OWN_NETWORK = "[{\"Name\":\"network\",\"Host\":false}]";
    /**
     * RUN steps lose NET_RAW, as build and app containers do (no forged packets). Podman's build API
     * refuses no-new-privileges (400: "not supported"), and cannot give them a user namespace of their own
     * yet (infra/PLATFORM.md, "Apps kept apart"): a RUN step's root is host root.
     */
    private static final String DROPPED_CAPABILITIES = "[\"CAP_NET_RAW\"]";

    /** Builds the context into the image named tag, with the build limits; the engine's output goes to out. */
    public void build(Path contextTar, String tag, Map<String, String> labels, BuildOutput out) throws BuildFailure {
        build(contextTar, tag, labels, "Dockerfile", Map.of(), out);
    }

    /** The same with the Dockerfile at that path in the context, and build args (ARG values). */
    public void build(Path contextTar, String tag, Map<String, String> labels, String dockerfile,
                      Map<String, String> buildArgs, BuildOutput out) throws BuildFailure {
        String query = "t=" + encode(tag) + "&rm=1&forcerm=1"
                + "&dockerfile=" + encode(dockerfile)
                + (buildArgs.isEmpty() ? "" : "&buildargs=" + encode(json(buildArgs)))
                + "&memory=" + BuildLimits.MEMORY + "&memswap=" + BuildLimits.MEMORY
                + "&cpuperiod=" + BuildLimits.CPU_PERIOD + "&cpuquota=" + BuildLimits.CPU_QUOTA
                + "&labels=" + encode(json(labels))
                + "&nsoptions=" + encode(OWN_NETWORK)
                + "&dropcaps=" + encode(DROPPED_CAPABILITIES);
        LineSplitter lines = new LineSplitter(line -> out.line("       " + line));
        List<String> errors;
        try (InputStream context = Files.newInputStream(contextTar)) {
            DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                    .method(DockerHttpClient.Request.Method.POST)
                    .path(API + "/build?" + query)
                    .putHeader("Content-Type", "application/x-tar")
                    .body(context)
                    .build();
            errors = follow(request, timeout, item -> {
                String text = item.path("stream").asText("");
                lines.accept(text.getBytes(StandardCharsets.UTF_8));
            });
        } catch (TimeoutException e) {
            // Podman's compat API cannot cancel a build: the push ends, the engine finishes the step on its own
            lines.finish();
            out.line(BuildLimits.timedOut(timeout));
            throw new BuildFailure("build timed out");
        } catch (IOException e) {
            lines.finish();
            out.line(" !     Cannot build the image: " + e.getMessage());
            throw new BuildFailure("image build failed");
        }
        lines.finish();
        if (!errors.isEmpty()) {
            errors.forEach(error -> ENGINE_INTERNALS.matcher(error).replaceFirst("").strip().lines()
                    .forEach(line -> out.line(" !     " + line)));
            out.line(" !     Push rejected: the Dockerfile build failed");
            throw new BuildFailure("Dockerfile build failed");
        }
    }

    /** Pushes repository:tag (repository names its registry) and answers the pushed manifest's digest. */
    public String push(String repository, String tag, BuildOutput out) throws BuildFailure {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST)
                .path(API + "/images/" + repository + "/push?tag=" + encode(tag))
                .putHeader("X-Registry-Auth", NO_AUTH)
                .build();
        String[] digest = {null};
        List<String> errors;
        try {
            errors = follow(request, PUSH_TIMEOUT, item -> {
                Matcher m = DIGEST.matcher(item.path("aux").path("Digest").asText("")
                        + " " + item.path("status").asText(""));
                if (m.find()) {
                    digest[0] = m.group();
                }
            });
        } catch (TimeoutException | IOException e) {
            errors = List.of(e.getMessage() == null ? e.toString() : e.getMessage());
        }
        if (!errors.isEmpty() || digest[0] == null) {
            out.line(" !     Cannot push the image: " + (errors.isEmpty() ? "the engine named no digest"
                    : String.join("; ", errors)));
            throw new BuildFailure("cannot push the image to the registry");
        }
        return digest[0];
    }

    /** The lowest TCP port the image EXPOSEs, if it exposes any. */
    public Optional<Integer> firstExposedTcpPort(String image) {
        ContainerConfig config = docker.inspectImageCmd(image).exec().getConfig();
        ExposedPort[] ports = config == null ? null : config.getExposedPorts();
        if (ports == null) {
            return Optional.empty();
        }
        return Arrays.stream(ports)
                .filter(port -> port.getProtocol() == InternetProtocol.TCP)
                .map(ExposedPort::getPort)
                .sorted()
                .findFirst();
    }

    /**
     * Sends the request and hands every JSON item of the answer to onItem; answers the errors the
     * engine reported (in the stream, or as the status of the answer).
     */
    private List<String> follow(DockerHttpClient.Request request, Duration limit, Consumer<JsonNode> onItem)
            throws IOException, TimeoutException {
        List<String> errors = new ArrayList<>();
        DockerHttpClient.Response response = http.execute(request);
        Future<?> reading = readers.submit(() -> {
            try (InputStream body = response.getBody()) {
                if (response.getStatusCode() / 100 != 2) {
                    String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                    errors.add(message(text));
                    return null;
                }
                try (MappingIterator<JsonNode> items = ControllerClient.JSON.readerFor(JsonNode.class).readValues(body)) {
                    while (items.hasNextValue()) {
                        JsonNode item = items.nextValue();
                        String error = item.path("errorDetail").path("message").asText(item.path("error").asText(""));
                        if (!error.isBlank()) {
                            errors.add(error);
                        } else {
                            onItem.accept(item);
                        }
                    }
                }
                return null;
            }
        });
        try {
            reading.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return errors;
        } catch (TimeoutException e) {
            reading.cancel(true);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reading.cancel(true);
            throw new IOException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof IOException io ? io : new IOException(cause.getMessage(), cause);
        } finally {
            response.close();
        }
    }

    /** The message of an engine's JSON error answer ({"message": ...}), or the answer itself. */
    private static String message(String body) {
        try {
            JsonNode node = ControllerClient.JSON.readTree(body);
            if (node != null && node.hasNonNull("message")) {
                return node.get("message").asText();
            }
        } catch (IOException notJson) {
            // the raw text below
        }
        return body.strip();
    }

    private static String json(Map<String, String> labels) {
        try {
            return ControllerClient.JSON.writeValueAsString(labels);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
