package io.paas.builder.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import io.paas.builder.DaemonThreads;
import io.paas.builder.build.BuildFailure;
import io.paas.builder.build.BuildOutput;
import io.paas.builder.build.Trees;
import io.paas.client.ControllerClient;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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
 * A Dockerfile build by buildah in a build container, and the push of its image to the platform
 * registry. The container is in the builds' user namespace (UserNamespaces.BUILDS): a RUN step's
 * root is an unprivileged host uid, which Podman 4.3.1's own build cannot give (infra/PLATFORM.md,
 * "Dockerfile builds"). buildah keeps its layers (the cache of the app's next build) in a store of
 * the app's own; the images the Dockerfile names come from the engine, which resolves and pulls them
 * as it always did, and the built image goes back to the engine, which pushes it. docker-java's push
 * command sends no credentials header Podman accepts, and Podman answers 200 with the error inside
 * the stream: the engine calls are made here, and every item of the answer is read for an error.
 */
public class ImageBuild {
    private static final String API = "/v1.41";
    // base64 of "{}": the platform registry asks for no credentials
    private static final String NO_AUTH = "e30=";
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Duration PUSH_TIMEOUT = Duration.ofMinutes(30);
    // buildah appends its parser's Go struct to an unknown instruction's error
    private static final Pattern ENGINE_INTERNALS = Pattern.compile("\\s*&imagebuilder\\.Step\\{.*$", Pattern.DOTALL);
    private static final String BUILDAH_ERROR = "Error: ";
    // buildah logs an unknown instruction's parser state a second time, at a level it cannot name
    private static final String BUILDAH_NOISE = "UNHANDLED LOGLEVEL";

    /**
     * What runs in the build container. /context.tar is the context, /work holds bases/ (the images the Dockerfile
     * names, as docker archives, and a list: image id, archive or -, name as written) and gets
     * image.tar; /store is the app's buildah store. RUN steps run with chroot isolation (buildah's
     * own user namespace is the container's: no nested one), in the container's network namespace
     * (the engine's default bridge: the outside, not the machine's loopback), without the
     * container's added CAP_SYS_ADMIN. Overlay works in the user namespace on this kernel, and is
     * as fast as the engine's build (vfs copied the root file system at every step: 10x slower).
     */
    static final String SCRIPT = String.join("\n",
            "set -eo pipefail",
            "B=(buildah --root /store/root --runroot /tmp/buildah --storage-driver overlay)",
            "while read -r id archive name; do",
            "  if [ \"$archive\" != - ]; then \"${B[@]}\" pull -q \"docker-archive:/work/bases/$archive\" >/dev/null; fi",
            "  if [[ $name == *@* ]]; then digested+=(\"$name $id\"); else \"${B[@]}\" tag \"$id\" \"$name\"; fi",
            "done < /work/bases/list",
            "mkdir /tmp/context && tar -xf /context.tar -C /tmp/context",
            // an archive keeps no digest and buildah tags by none: a digested reference becomes the image's id
            "for entry in \"${digested[@]}\"; do sed -i \"s|${entry% *}|${entry#* }|g\" \"/tmp/context/$DOCKERFILE\"; done",
            "\"${B[@]}\" bud --isolation chroot --layers --pull-never \"$@\" /tmp/context",
            "\"${B[@]}\" push -q \"$TAG\" \"docker-archive:/work/image.tar:$TAG\" >/dev/null",
            "");

    private final DockerClient docker;
    private final DockerHttpClient http;
    private final Duration timeout;
    private final BuildContainer containers;
    private final String builderImage;
    private final Path stores;
    private final ExecutorService readers = Executors.newCachedThreadPool(new DaemonThreads("image-build-stream"));

    /**
     * @param builderImage the image with buildah (infra/stack/build.sh: paas/stack-dockerfile)
     * @param stores       where each app's buildah store is kept, one dir per registry repository
     */
    public ImageBuild(DockerClient docker, Duration timeout, String builderImage, Path stores) {
        if (!(docker instanceof DockerClientImpl impl)) {
            throw new IllegalArgumentException("an engine connection from DockerConnection is needed");
        }
        this.docker = docker;
        this.http = impl.getHttpClient();
        this.timeout = timeout;
        this.containers = new BuildContainer(docker, timeout);
        this.builderImage = builderImage;
        this.stores = stores;
    }

    /** The image infra/stack/build.sh makes for the stack's Dockerfile builds. */
    public static String builderImage(String stack) {
        return "localhost/paas/stack-dockerfile:" + stack;
    }

    /** Builds the context into the image named tag, with the build limits; the build's output goes to out. */
    public void build(Path contextTar, String tag, Map<String, String> labels, List<String> images, BuildOutput out)
            throws BuildFailure {
        build(contextTar, tag, labels, "Dockerfile", Map.of(), images, out);
    }

    /**
     * The same with the Dockerfile at that path in the context, and build args (ARG values); images
     * are those the Dockerfile names (DockerfileImages), each given to the build as the engine has it.
     */
    public void build(Path contextTar, String tag, Map<String, String> labels, String dockerfile,
                      Map<String, String> buildArgs, List<String> images, BuildOutput out) throws BuildFailure {
        // the build's own dir beside the context: it is handed to the namespace's root
        Path work = contextTar.resolveSibling(contextTar.getFileName() + ".build");
        Path store = stores.resolve(tag.substring(tag.lastIndexOf('/') + 1, tag.lastIndexOf(':')));
        try {
            Trees.delete(work);
            Files.createDirectories(store);
            // the namespace's root owns the store; what is in it is buildah's, with its own owners
            Files.setAttribute(store, "unix:uid", BuildContainer.HOST_UID);
            Files.setAttribute(store, "unix:gid", BuildContainer.HOST_UID);
            bases(images, work.resolve("bases"), store, out);
        } catch (IOException e) {
            out.line(" !     Cannot prepare the build: " + e.getMessage());
            throw new BuildFailure("image build failed");
        }
        Map<String, String> args = new java.util.TreeMap<>(buildArgs);
        args.replaceAll((key, value) -> withIds(value, images));
        List<String> command = new ArrayList<>(List.of("/bin/bash", "-c",
                "set -o pipefail; /bin/bash -c \"$SCRIPT\" build \"$@\" 2>&1 | cat", "build",
                "-f", "/tmp/context/" + dockerfile));
        labels.forEach((key, value) -> command.addAll(List.of("--label", key + "=" + value)));
        args.forEach((key, value) -> command.addAll(List.of("--build-arg", key + "=" + value)));
        command.add("-t");
        command.add(tag);
        List<String> errors = new ArrayList<>();
        BuildOutput lines = line -> {
            if (line.startsWith(BUILDAH_ERROR)) {
                errors.add(line.substring(BUILDAH_ERROR.length()));
            } else if (!line.contains(BUILDAH_NOISE)) {
                out.line("       " + line);
            }
        };
        BuildContainer.Job job = new BuildContainer.Job("paas-image-build-" + UUID.randomUUID(), builderImage,
                labels, List.of("SCRIPT=" + SCRIPT, "TAG=" + tag, "DOCKERFILE=" + dockerfile), command,
                List.of(new Bind(contextTar.toString(), new Volume("/context.tar"), AccessMode.ro),
                        new Bind(work.toString(), new Volume("/work"), AccessMode.rw),
                        new Bind(store.toString(), new Volume("/store"), AccessMode.rw)),
                List.of(work), List.of(Capability.SYS_ADMIN));
        int exit = containers.run(job, lines, out);
        if (exit != 0 || !errors.isEmpty()) {
            errors.forEach(error -> ENGINE_INTERNALS.matcher(error).replaceFirst("").strip().lines()
                    .forEach(line -> out.line(" !     " + line)));
            out.line(" !     Push rejected: the Dockerfile build failed");
            throw new BuildFailure("Dockerfile build failed");
        }
        load(work.resolve("image.tar"), out);
        Trees.delete(work);
    }

    /** A build arg that names an image by digest names it by the engine's id of it instead (as the Dockerfile does). */
    private String withIds(String value, List<String> images) {
        String result = value;
        for (String image : images) {
            if (image.contains("@") && result.contains(image)) {
                result = result.replace(image, docker.inspectImageCmd(image).exec().getId().replaceFirst("^sha256:", ""));
            }
        }
        return result;
    }

    /**
     * Each image the Dockerfile names, as the engine resolves (and if need be pulls) it: a docker
     * archive of it unless the store has that image already, and a line of bases/list.
     */
    private void bases(List<String> images, Path dir, Path store, BuildOutput out) throws BuildFailure, IOException {
        Files.createDirectories(dir);
        String stored = Files.isRegularFile(store.resolve("root/overlay-images/images.json"))
                ? Files.readString(store.resolve("root/overlay-images/images.json")) : "";
        StringBuilder list = new StringBuilder();
        for (int i = 0; i < images.size(); i++) {
            String name = images.get(i);
            try {
                BuildContainer.ensureImage(docker, name, out);
            } catch (BuildFailure e) {
                out.line(" !     Push rejected: the Dockerfile build failed");
                throw new BuildFailure("Dockerfile build failed");
            }
            String id = docker.inspectImageCmd(name).exec().getId().replaceFirst("^sha256:", "");
            String archive = "-";
            if (!stored.contains("\"" + id + "\"")) {
                archive = i + ".tar";
                save(name, dir.resolve(archive));
            }
            list.append(id).append(' ').append(archive).append(' ').append(name).append('\n');
        }
        Files.writeString(dir.resolve("list"), list.toString());
    }

    private void save(String image, Path file) throws IOException {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path(API + "/images/" + encode(image) + "/get")
                .build();
        try (DockerHttpClient.Response response = http.execute(request); InputStream body = response.getBody()) {
            if (response.getStatusCode() / 100 != 2) {
                throw new IOException("cannot export " + image + ": " + message(new String(body.readAllBytes(),
                        StandardCharsets.UTF_8)));
            }
            Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The built image into the engine, which pushes it and reads its EXPOSEd ports. */
    private void load(Path archive, BuildOutput out) throws BuildFailure {
        List<String> errors;
        try (InputStream body = Files.newInputStream(archive)) {
            DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                    .method(DockerHttpClient.Request.Method.POST)
                    .path(API + "/images/load?quiet=1")
                    .putHeader("Content-Type", "application/x-tar")
                    .body(body)
                    .build();
            errors = follow(request, PUSH_TIMEOUT, item -> {
            });
        } catch (TimeoutException | IOException e) {
            errors = List.of(e.getMessage() == null ? e.toString() : e.getMessage());
        }
        if (!errors.isEmpty()) {
            out.line(" !     Cannot load the built image: " + String.join("; ", errors));
            throw new BuildFailure("image build failed");
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

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
