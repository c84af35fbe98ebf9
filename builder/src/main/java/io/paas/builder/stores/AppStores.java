package io.paas.builder.stores;

import io.paas.builder.build.Trees;
import io.paas.builder.image.RegistryClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Everything the builder keeps for an app, each keyed by the app's id (never its name, which a new
 * app may take after a destroy): the bare repository gitDir/ID.git, the build cache cacheDir/ID,
 * build scratch and logs buildsDir/ID, and the registry repository ID. A build holds its app's lock
 * while it runs; removing an app's stores takes the same lock.
 */
public class AppStores {
    private static final Logger LOG = LoggerFactory.getLogger(AppStores.class);

    private final Path gitDir;
    private final Path cacheDir;
    private final Path buildsDir;
    private final RegistryClient registry;
    private final AppLocks locks = new AppLocks();
    private final ExecutorService later = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "remove-app-stores");
        thread.setDaemon(true);
        return thread;
    });

    public AppStores(Path gitDir, Path cacheDir, Path buildsDir, RegistryClient registry) {
        this.gitDir = gitDir;
        this.cacheDir = cacheDir;
        this.buildsDir = buildsDir;
        this.registry = registry;
    }

    public Path gitDir() {
        return gitDir;
    }

    /** The per-app locks builds take. */
    public AppLocks locks() {
        return locks;
    }

    /**
     * Removes the stores of a destroyed app: at once when none of its builds runs (answers true), else
     * as soon as that build ends (false); the controller refuses to release such a build.
     */
    public boolean remove(String appId) {
        ReentrantLock lock = locks.forApp(appId);
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

    private void removeHolding(ReentrantLock lock, String appId) {
        try {
            Trees.delete(gitDir.resolve(appId + ".git"));
            Trees.delete(cacheDir.resolve(appId));
            Trees.delete(buildsDir.resolve(appId));
            int images = registry.deleteAll(appId);
            LOG.info("removed the repository, cache, builds and {} image(s) of destroyed app {}", images, appId);
        } catch (IOException e) {
            LOG.warn("cannot delete the images of destroyed app {}: {}", appId, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            locks.forget(appId);
            lock.unlock();
        }
    }
}
