package io.paas.builder.image;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.DescriptorDigest;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.cache.Cache;
import com.google.cloud.tools.jib.cache.CacheCorruptedException;
import com.google.cloud.tools.jib.cache.CachedLayer;
import com.google.common.collect.ImmutableList;
import io.paas.builder.build.Trees;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * An app's compressed slug layers, as Jib's application-layer cache keeps them: a layer whose entries
 * (source paths, their modification times, target times, permissions) are those of a cached one is
 * neither built nor compressed again, and Jib's push skips a blob the registry already has. The slug
 * is built at the same path every time so that the paths match. Only the last build's layers are
 * kept ({@link #keepOnly}): a cache that grew with every release would fill the disk.
 */
public class LayerCache {
    private static final String LAYERS = "layers";
    private static final String SELECTORS = "selectors";

    private final Path dir;

    public LayerCache(Path dir) {
        this.dir = dir;
    }

    /** The directory to give Jib as its application-layers cache. */
    public Path dir() {
        return dir;
    }

    /** The digest of the compressed layer cached for these entries, if there is one. */
    public Optional<DescriptorDigest> cached(SlugLayers.Layer layer) throws IOException {
        if (!Files.isDirectory(dir.resolve(SELECTORS))) {
            return Optional.empty();
        }
        try {
            return Cache.withDirectory(dir).retrieve(entries(layer)).map(CachedLayer::getDigest);
        } catch (CacheCorruptedException e) {
            // Jib would fail on it too: start over, the layers are built again
            Trees.delete(dir);
            return Optional.empty();
        } catch (CacheDirectoryCreationException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Removes every cached layer but these (the ones of the build just pushed), and their selectors. */
    public void keepOnly(List<SlugLayers.Layer> layers) throws IOException {
        Set<String> kept = new HashSet<>();
        for (SlugLayers.Layer layer : layers) {
            cached(layer).ifPresent(digest -> kept.add(digest.getHash()));
        }
        for (Path layer : list(dir.resolve(LAYERS))) {
            if (!kept.contains(layer.getFileName().toString())) {
                Trees.delete(layer);
            }
        }
        for (Path selector : list(dir.resolve(SELECTORS))) {
            if (!kept.contains(Files.readString(selector, StandardCharsets.UTF_8).strip())) {
                Files.deleteIfExists(selector);
            }
        }
    }

    private static ImmutableList<FileEntry> entries(SlugLayers.Layer layer) {
        return ImmutableList.copyOf(layer.entries().getEntries());
    }

    private static List<Path> list(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.toList();
        }
    }
}
