package io.paas.builder.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import io.paas.builder.build.BuildFailure;
import io.paas.builder.build.BuildOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** The app image: the stack's run image plus one layer holding the built /app (the "slug"). */
public class SlugImage {
    private static final Logger LOG = LoggerFactory.getLogger(SlugImage.class);
    private static final AbsoluteUnixPath APP = AbsoluteUnixPath.get("/app");

    private final String runImage;
    private final Path baseLayersCache;

    public SlugImage(String runImage, Path baseLayersCache) {
        this.runImage = runImage;
        this.baseLayersCache = baseLayersCache;
    }

    /** The same image assembly on another stack's run image (an app's `paas stack:set`). */
    public SlugImage on(String runImage) {
        return new SlugImage(runImage, baseLayersCache);
    }

    /** Builds and pushes the image of appDir to target; answers its digest ("sha256:..."). */
    public String push(Path appDir, String target, Map<String, String> labels, Path scratch, BuildOutput out)
            throws BuildFailure {
        try {
            JibContainer container = Jib.from(RegistryImage.named(runImage))
                    .addFileEntriesLayer(SlugLayer.of(appDir, out))
                    .setEntrypoint("/usr/local/bin/paas-launch")
                    .setWorkingDirectory(APP)
                    .addEnvironmentVariable("HOME", "/app")
                    .setCreationTime(Instant.now())
                    .setLabels(labels)
                    .containerize(Containerizer.to(RegistryImage.named(target))
                            .setAllowInsecureRegistries(true)
                            .setBaseImageLayersCache(baseLayersCache)
                            .setApplicationLayersCache(scratch)
                            .setToolName("paas-builder")
                            .addEventHandler(LogEvent.class, SlugImage::log));
            return container.getDigest().toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildFailure("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            out.line(" !     Cannot push the image: " + cause.getMessage());
            throw new BuildFailure("cannot push the image to the registry");
        } catch (Exception e) {
            out.line(" !     Cannot build the image: " + e.getMessage());
            throw new BuildFailure("cannot build the image");
        }
    }

    private static void log(LogEvent event) {
        // Jib warns about every plain-HTTP fallback and tag-based base image: expected here
        if (event.getLevel() == LogEvent.Level.ERROR) {
            LOG.warn("jib: {}", event.getMessage());
        } else if (event.getLevel() == LogEvent.Level.WARN) {
            LOG.debug("jib: {}", event.getMessage());
        }
    }
}
