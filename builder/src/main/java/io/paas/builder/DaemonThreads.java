package io.paas.builder;

import java.util.concurrent.ThreadFactory;

/**
 * Threads for the builder's background work (removals waiting for a build, the stores sweep, reading
 * an engine's answer): daemons, so none of them holds the JVM up at shutdown, named for thread dumps.
 */
public final class DaemonThreads implements ThreadFactory {
    private final String name;

    public DaemonThreads(String name) {
        this.name = name;
    }

    @Override
    public Thread newThread(Runnable runnable) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
