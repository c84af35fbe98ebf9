package io.paas.builder.build;

import io.paas.builder.container.ImageBuild;
import io.paas.client.Procfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A push with a Dockerfile (at the root, or where `paas docker-options:set-dockerfile` says) and no
 * buildpack named: the engine builds the image from the source, which is pushed to the app's
 * registry repository as it is (ImageBuild: buildah in the builds' user namespace). Its processes run the image's own ENTRYPOINT/CMD, unless a Procfile
 * at the root names commands (then they run through /bin/sh -c in the image, `release:` as the
 * release phase), and web's PORT is the lowest TCP port it EXPOSEs. Every image the Dockerfile
 * names is checked with the controller first: a build reaches only what its user may.
 */
public class DockerfileBuild {
    /** The pushed image, its process types, and the port web listens on (null: the platform's default). */
    public record Result(String digest, Map<String, String> processTypes, Integer port) {
    }

    /** Dokku's docker-options for builds: the Dockerfile's path in the repository, and build args. */
    public record Options(String dockerfile, Map<String, String> buildArgs) {
        public static final Options DEFAULT = new Options(DockerContext.DOCKERFILE, Map.of());

        public Options {
            dockerfile = dockerfile == null || dockerfile.isBlank() ? DockerContext.DOCKERFILE : dockerfile;
            buildArgs = buildArgs == null ? Map.of() : Map.copyOf(buildArgs);
        }
    }

    /** Refuses (with the reason on out) an image the build may not use. */
    @FunctionalInterface
    public interface ImageGate {
        void allow(String image) throws BuildFailure;
    }

    /** The command of a process type that runs the image's own ENTRYPOINT/CMD (see Api.NewBuild). */
    public static final String IMAGE_COMMAND = "";

    private final ImageBuild engine;

    public DockerfileBuild(ImageBuild engine) {
        this.engine = engine;
    }

    /**
     * A Dockerfile where the options say, unless the BUILDPACK config var names a buildpack. A path
     * that leaves the source through a symbolic link is no Dockerfile: the builder reads it.
     */
    public static boolean appliesTo(Path appDir, Path envDir, Options options) {
        Path file = appDir.resolve(options.dockerfile());
        try {
            return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    && file.toRealPath().startsWith(appDir.toRealPath())
                    && !Files.exists(envDir.resolve("BUILDPACK"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Builds appDir's Dockerfile into repository:tag (repository names its registry) and pushes it. */
    public Result run(Path appDir, Path scratch, String repository, String tag, Map<String, String> labels,
                      Options options, ImageGate gate, BuildOutput out) throws BuildFailure {
        out.line("-----> Building Dockerfile" + (options.dockerfile().equals(DockerContext.DOCKERFILE) ? ""
                : " " + options.dockerfile()));
        List<String> images;
        try {
            images = DockerfileImages.referenced(Files.readAllLines(appDir.resolve(options.dockerfile())),
                    options.buildArgs());
            for (String image : images) {
                gate.allow(image);
            }
        } catch (IOException e) {
            out.line(" !     Cannot read " + options.dockerfile() + ": " + e.getMessage());
            throw new BuildFailure("cannot read the Dockerfile");
        }
        Map<String, String> processTypes = processTypes(appDir, out);
        Path context = scratch.resolve("context.tar");
        try {
            Files.createDirectories(scratch);
            int files = DockerContext.write(appDir, context, options.dockerfile());
            out.line("       " + files + " file" + (files == 1 ? "" : "s") + " in the build context");
        } catch (IOException e) {
            out.line(" !     Cannot pack the build context: " + e.getMessage());
            throw new BuildFailure("cannot pack the build context");
        }
        if (!options.buildArgs().isEmpty()) {
            out.line("       build args: " + String.join(", ", options.buildArgs().keySet()));
        }
        String image = repository + ":" + tag;
        engine.build(context, image, labels, options.dockerfile(), options.buildArgs(), images, out);
        Optional<Integer> port = engine.firstExposedTcpPort(image);
        port.ifPresent(p -> out.line("       web listens on its EXPOSEd port " + p + " ($PORT)"));
        out.line("-----> Pushing image " + image);
        return new Result(engine.push(repository, tag, out), processTypes, port.orElse(null));
    }

    /** web runs the image's CMD unless the Procfile says otherwise; its other types run beside it. */
    private static Map<String, String> processTypes(Path appDir, BuildOutput out) throws BuildFailure {
        Map<String, String> types = new LinkedHashMap<>();
        types.put("web", IMAGE_COMMAND);
        Path procfile = appDir.resolve("Procfile");
        if (!Files.isRegularFile(procfile, LinkOption.NOFOLLOW_LINKS)) {
            return types;
        }
        try {
            Map<String, String> listed = Procfile.parse(Files.readAllLines(procfile));
            types.putAll(listed);
            if (!listed.isEmpty()) {
                out.line("       Procfile: " + String.join(", ", List.copyOf(listed.keySet()))
                        + " run through /bin/sh -c in the image" + (listed.containsKey("web") ? " (web instead of its CMD)" : ""));
            }
            return types;
        } catch (IOException e) {
            throw new BuildFailure("cannot read the Procfile: " + e.getMessage());
        }
    }
}
