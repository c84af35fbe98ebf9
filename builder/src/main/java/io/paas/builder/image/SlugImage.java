package io.paas.builder.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import io.paas.builder.build.BuildFailure;
import io.paas.builder.build.BuildOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** The app image: the stack's run image plus the layers of the built /app (the "slug", see {@link SlugLayers}). */
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

    /**
     * Builds and pushes the image of appDir to target; answers its digest ("sha256:..."). Layers the
     * last build compressed (kept in layersCache) are reused; layersCache keeps this build's after it.
     */
    public String push(Path appDir, String target, Map<String, String> labels, LayerCache layersCache,
                       BuildOutput out) throws BuildFailure {
        try {
            List<SlugLayers.Layer> layers = SlugLayers.of(appDir, out);
            JibContainerBuilder image = Jib.from(RegistryImage.named(runImage));
            for (SlugLayers.Layer layer : layers) {
                boolean reused = layersCache.cached(layer).isPresent();
                out.line("       Layer " + layer.name() + " (" + size(layer.bytes()) + "): "
                        + (reused ? "unchanged, reused" : "new"));
                image.addFileEntriesLayer(layer.entries());
            }
            out.line("-----> Pushing image " + target);
            JibContainer container = image
                    .setEntrypoint("/usr/local/bin/paas-launch")
                    .setWorkingDirectory(APP)
                    .addEnvironmentVariable("HOME", "/app")
                    .setCreationTime(Instant.now())
                    .setLabels(labels)
                    .containerize(Containerizer.to(RegistryImage.named(target))
                            .setAllowInsecureRegistries(true)
                            .setBaseImageLayersCache(baseLayersCache)
                            .setApplicationLayersCache(layersCache.dir())
                            .setToolName("paas-builder")
                            .addEventHandler(LogEvent.class, SlugImage::log));
            keepOnly(layersCache, layers);
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

    private static void keepOnly(LayerCache cache, List<SlugLayers.Layer> layers) {
        try {
            cache.keepOnly(layers);
        } catch (IOException e) {
            // the image is pushed; the next build prunes again
            LOG.warn("cannot prune the layer cache {}: {}", cache.dir(), e.getMessage());
        }
    }

    private static String size(long bytes) {
        if (bytes < 1024 * 1024) {
            return (bytes + 1023) / 1024 + " KB";
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
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
