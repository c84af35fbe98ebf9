package io.paas.controller.logs;

import java.util.List;

/**
 * Told of every line an app's log keeps, in the app's order (log drains). Called while the app's
 * log is held: it must return at once, never wait on a network or a lock held long.
 */
public interface LogListener {
    void offer(long appId, List<LogLine> lines);

    /** The app was destroyed. */
    default void forget(long appId) {
    }
}
