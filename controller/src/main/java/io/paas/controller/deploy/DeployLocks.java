package io.paas.controller.deploy;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** One change at a time per app: deploys wait for each other, the reconciler skips a busy app. */
@ApplicationScoped
public class DeployLocks {
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public void run(String app, Runnable work) {
        ReentrantLock lock = locks.computeIfAbsent(app, a -> new ReentrantLock());
        lock.lock();
        try {
            work.run();
        } finally {
            lock.unlock();
        }
    }

    /** Runs the work only when no deploy of the app is under way; false when it skipped. */
    public boolean tryRun(String app, Runnable work) {
        ReentrantLock lock = locks.computeIfAbsent(app, a -> new ReentrantLock());
        if (!lock.tryLock()) {
            return false;
        }
        try {
            work.run();
            return true;
        } finally {
            lock.unlock();
        }
    }

    public void forget(String app) {
        locks.remove(app);
    }
}
