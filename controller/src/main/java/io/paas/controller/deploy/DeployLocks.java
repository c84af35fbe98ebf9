package io.paas.controller.deploy;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One change at a time per app: deploys wait for each other, the reconciler skips a busy app. A
 * permit, not a thread-owned lock, so that a change's tail (the old containers' drain and stop) can
 * keep holding it on another thread after the caller got its answer. A destroyed app's permit is
 * kept: dropping it would let a late holder of the old one and a holder of a new one share the name.
 */
@ApplicationScoped
public class DeployLocks {
    private static final Logger LOG = Logger.getLogger(DeployLocks.class);
    private final ConcurrentHashMap<String, Semaphore> locks = new ConcurrentHashMap<>();
    private final ExecutorService tails = Executors.newCachedThreadPool(work -> {
        Thread thread = new Thread(work, "deploy-tail");
        thread.setDaemon(true);
        return thread;
    });

    public void run(String app, Runnable work) {
        Semaphore lock = lockOf(app);
        lock.acquireUninterruptibly();
        try {
            work.run();
        } finally {
            lock.release();
        }
    }

    /**
     * Runs the work under the app's lock and returns once it is done; the tail it answers (null:
     * none) then runs in the background, still under the lock, so the next change of the app waits
     * for it. A failing tail is logged: its caller has had its answer.
     */
    public void runThenInBackground(String app, Supplier<Runnable> work) {
        Semaphore lock = lockOf(app);
        lock.acquireUninterruptibly();
        Runnable tail;
        try {
            tail = work.get();
        } catch (RuntimeException | Error e) {
            lock.release();
            throw e;
        }
        if (tail == null) {
            lock.release();
            return;
        }
        tails.execute(() -> {
            try {
                tail.run();
            } catch (RuntimeException e) {
                LOG.errorf(e, "%s: finishing the deploy in the background failed", app);
            } finally {
                lock.release();
            }
        });
    }

    /** Runs the work only when no deploy of the app is under way; false when it skipped. */
    public boolean tryRun(String app, Runnable work) {
        Semaphore lock = lockOf(app);
        if (!lock.tryAcquire()) {
            return false;
        }
        try {
            work.run();
            return true;
        } finally {
            lock.release();
        }
    }

    /**
     * Runs the work with every app of the list that no deploy holds at the moment, locked for the
     * work's length; busy apps are left out (their deploy takes care of them).
     */
    public void tryRunAll(Collection<String> apps, Consumer<Set<String>> work) {
        Map<String, Semaphore> held = new HashMap<>();
        try {
            for (String app : apps) {
                Semaphore lock = lockOf(app);
                if (lock.tryAcquire()) {
                    held.put(app, lock);
                }
            }
            work.accept(Collections.unmodifiableSet(held.keySet()));
        } finally {
            held.values().forEach(Semaphore::release);
        }
    }


    private Semaphore lockOf(String app) {
        return locks.computeIfAbsent(app, a -> new Semaphore(1));
    }
}
