package io.paas.builder.build;

import io.paas.builder.container.ImageBuild;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A push with a Dockerfile at its root and no buildpack named: the engine builds the image from the
 * source, which is pushed to the app's registry repository as it is. Its processes run the image's
 * own ENTRYPOINT/CMD, and web's PORT is the lowest TCP port it EXPOSEs.
 */
public class DockerfileBuild {
    /** The pushed image and the port web listens on (null: the platform's default). */
    public record Result(String digest, Integer port) {
    }

    /** The command of a process type that runs the image's own ENTRYPOINT/CMD (see Api.NewBuild). */
    public static final String IMAGE_COMMAND = "";

    private final ImageBuild engine;

    public DockerfileBuild(ImageBuild engine) {
        this.engine = engine;
    }

    /** A Dockerfile at the root, unless the BUILDPACK config var names a buildpack. */
    public static boolean appliesTo(Path appDir, Path envDir) {
        return Files.isRegularFile(appDir.resolve(DockerContext.DOCKERFILE), LinkOption.NOFOLLOW_LINKS)
                && !Files.exists(envDir.resolve("BUILDPACK"));
    }

    /** Builds appDir's Dockerfile into repository:tag (repository names its registry) and pushes it. */
    public Result run(Path appDir, Path scratch, String repository, String tag, Map<String, String> labels,
                      BuildOutput out) throws BuildFailure {
        out.line("-----> Building Dockerfile");
        Path context = scratch.resolve("context.tar");
        try {
            Files.createDirectories(scratch);
            int files = DockerContext.write(appDir, context);
            out.line("       " + files + " file" + (files == 1 ? "" : "s") + " in the build context");
        } catch (IOException e) {
            out.line(" !     Cannot pack the build context: " + e.getMessage());
            throw new BuildFailure("cannot pack the build context");
        }
        // the engine keeps the image: its layers are the cache of the app's next build
        String image = repository + ":" + tag;
        engine.build(context, image, labels, out);
        Optional<Integer> port = engine.firstExposedTcpPort(image);
        port.ifPresent(p -> out.line("       web listens on its EXPOSEd port " + p + " ($PORT)"));
        out.line("-----> Pushing image " + image);
        return new Result(engine.push(repository, tag, out), port.orElse(null));
    }
}
