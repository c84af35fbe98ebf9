package io.paas.cli.run;

/**
 * Calls back when the terminal window changes size (SIGWINCH). Through sun.misc.Signal, the JDK's
 * only way to a signal; on a JVM without it the remote terminal keeps the size it started with.
 */
final class WindowChanges {
    private WindowChanges() {
    }

    static void follow(Runnable onChange) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("WINCH"), signal -> onChange.run());
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            // no such signal here
        }
    }
}
