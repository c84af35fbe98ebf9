package io.paas.builder.git;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/** One lock per app: two pushes of the same app would otherwise both build and race to release. */
public class AppLocks {
    private final ConcurrentMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public ReentrantLock forApp(String app) {
        return locks.computeIfAbsent(app, name -> new ReentrantLock());
    }
}
