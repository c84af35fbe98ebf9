package io.paas.builder.stores;

import io.paas.builder.DaemonThreads;
import io.paas.builder.build.Trees;
import io.paas.engine.RegistryClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Everything the builder keeps for an app, each keyed by the app's id (never its name, which a new
 * app may take after a destroy): the bare repository gitDir/ID.git, the build cache cacheDir/ID,
 * build scratch and logs buildsDir/ID, a Dockerfile build's store imagesDir/ID, and the registry
 * repository ID. Removing them waits until
 * no git request (and so no build) on the app runs: see {@link AppLocks#stores}.
 */
public class AppStores {
    private static final Logger LOG = LoggerFactory.getLogger(AppStores.class);

    private final Path gitDir;
    private final Path cacheDir;
    private final Path buildsDir;
    private final Path imagesDir;
    private final RegistryClient registry;
    private final AppLocks locks = new AppLocks();
    // One thread per waiting removal (a cached pool): a removal waiting for a long build must not
    // hold up the removals of other apps.
    private final ExecutorService later = Executors.newCachedThreadPool(new DaemonThreads("remove-app-stores"));

    public AppStores(Path gitDir, Path cacheDir, Path buildsDir, Path imagesDir, RegistryClient registry) {
        this.gitDir = gitDir;
        this.cacheDir = cacheDir;
        this.buildsDir = buildsDir;
        this.imagesDir = imagesDir;
        this.registry = registry;
    }

    public Path gitDir() {
        return gitDir;
    }

    /** The per-app locks of builds and of git requests. */
    public AppLocks locks() {
        return locks;
    }

    /**
     * Removes the stores of a destroyed app: at once when no git request on it runs (answers true),
     * else as soon as the last one ends (false); the controller refuses to release a build of it.
     */
    public boolean remove(String appId) {
        Lock lock = locks.stores(appId).writeLock();
        if (lock.tryLock()) {
            removeHolding(lock, appId);
            return true;
        }
        later.execute(() -> {
            lock.lock();
            removeHolding(lock, appId);
        });
        return false;
    }

    /**
     * Empties the app's build cache (`paas builds:cache:purge`): the next build starts cold. Answers
     * false, touching nothing, while a build of the app runs and uses the cache.
     */
    public boolean purgeCache(String appId) {
        ReentrantLock build = locks.forApp(appId);
        if (!build.tryLock()) {
            return false;
        }
        try {
            Trees.delete(cacheDir.resolve(appId));
            Trees.delete(imagesDir.resolve(appId));
            LOG.info("purged the build cache of app {}", appId);
            return true;
        } finally {
            build.unlock();
        }
    }

    /**
     * Removes the stores of every app id that knownIds (asked after the stores are listed, so that
     * whatever appears meanwhile belongs to an app it knows) does not hold: apps destroyed while the
     * builder was away. Ids still in use by a request are left for the next sweep. Answers the ids removed.
     */
    public List<String> removeUnknown(Supplier<Collection<String>> knownIds) throws IOException, InterruptedException {
        Set<String> ids = new TreeSet<>();
        ids.addAll(idsIn(gitDir, ".git"));
        ids.addAll(idsIn(cacheDir, ""));
        ids.addAll(idsIn(buildsDir, ""));
        ids.addAll(idsIn(imagesDir, ""));
        try {
            // the stack's repositories (paas/stack-run) have a slash: never an app id
            registry.repositories().stream().filter(AppId::isValid).forEach(ids::add);
        } catch (IOException e) {
            LOG.warn("cannot list the registry's repositories, sweeping directories only: {}", e.getMessage());
        }
        Collection<String> known = knownIds.get();
        if (known.isEmpty() && !ids.isEmpty()) {
            // A controller on a new or reset database knows no app: taking that as the truth would
            // delete every repository. Stores of destroyed apps stay unreachable; removing them can wait.
            LOG.warn("the controller lists no app while {} app stores exist: sweeping nothing", ids.size());
            return List.of();
        }
        ids.removeAll(known);
        List<String> removed = new ArrayList<>();
        for (String id : ids) {
            Lock lock = locks.stores(id).writeLock();
            if (lock.tryLock() && removeHolding(lock, id)) {
                removed.add(id);
            }
        }
        return removed;
    }

    private static List<String> idsIn(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(entry -> entry.getFileName().toString())
                    .filter(name -> name.endsWith(suffix))
                    .map(name -> name.substring(0, name.length() - suffix.length()))
                    .filter(AppId::isValid).toList();
        }
    }

    /** Answers whether there was anything to remove (an emptied registry repository stays in its catalog). */
    private boolean removeHolding(Lock lock, String appId) {
        try {
            // the repository last: once it is gone, so is everything else of the app
            List<Path> dirs = List.of(buildsDir.resolve(appId), cacheDir.resolve(appId), imagesDir.resolve(appId),
                    gitDir.resolve(appId + ".git"));
            boolean found = dirs.stream().anyMatch(Files::exists);
            dirs.forEach(Trees::delete);
            int images = deleteImages(appId);
            if (found || images > 0) {
                LOG.info("removed the stores of destroyed app {} (repository, cache, builds, {} image(s))", appId, images);
            }
            return found || images > 0;
        } finally {
            locks.forget(appId);
            lock.unlock();
        }
    }

    private int deleteImages(String appId) {
        try {
            return registry.deleteAll(appId);
        } catch (IOException e) {
            LOG.warn("cannot delete the images of destroyed app {}: {}", appId, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }
}
