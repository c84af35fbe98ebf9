package io.paas.builder.stores;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/** The locks of each app id: one build at a time, and no removal of stores a request still uses. */
public class AppLocks {
    private final ConcurrentMap<String, ReentrantLock> builds = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, ReentrantReadWriteLock> stores = new ConcurrentHashMap<>();
    /** Ids whose stores were removed: an id is never given again, so none of them may come back. */
    private final Set<String> removed = ConcurrentHashMap.newKeySet();

    /** Held by a build: two pushes of the same app would otherwise both build and race to release. */
    public ReentrantLock forApp(String appId) {
        return builds.computeIfAbsent(appId, id -> new ReentrantLock());
    }

    /**
     * Read-held by every git request on the app's repository for as long as it runs (a push's build
     * included, and JGit's own work after it), write-held by the removal of the app's stores.
     */
    public ReentrantReadWriteLock stores(String appId) {
        return stores.computeIfAbsent(appId, id -> new ReentrantReadWriteLock());
    }

    /**
     * The app's stores read-locked for a git request (HTTP or SSH), or null when they were removed:
     * the caller unlocks it when the request ends.
     */
    public java.util.concurrent.locks.Lock enter(String appId) {
        java.util.concurrent.locks.Lock inUse = stores(appId).readLock();
        inUse.lock();
        if (removed(appId)) {
            inUse.unlock();
            return null;
        }
        return inUse;
    }

    /** Drops the locks of a destroyed app (a holder keeps the lock object it has). */
    public void forget(String appId) {
        removed.add(appId);
        builds.remove(appId);
        stores.remove(appId);
    }

    /**
     * Whether the app's stores were removed. A request whose push check the controller answered just
     * before the destroy takes its lock after the removal: it must not create the repository again.
     */
    public boolean removed(String appId) {
        return removed.contains(appId);
    }
}
