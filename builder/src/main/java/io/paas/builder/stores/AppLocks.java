package io.paas.builder.stores;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per app id: two pushes of the same app would otherwise both build and race to release,
 * and the removal of a destroyed app's stores waits for a build still running in them.
 */
public class AppLocks {
    private final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public ReentrantLock forApp(String appId) {
        return locks.computeIfAbsent(appId, id -> new ReentrantLock());
    }

    /** Drops the lock of a destroyed app (its holder, if any, keeps the lock object it has). */
    public void forget(String appId) {
        locks.remove(appId);
    }
}
