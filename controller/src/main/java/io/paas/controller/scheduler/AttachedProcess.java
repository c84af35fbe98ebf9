package io.paas.controller.scheduler;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalInt;

/**
 * A one-off process whose standard streams its caller holds (paas run in a terminal or a pipe): input
 * goes in as the caller writes it, output comes out as the process writes it, and it ends with an exit
 * status. Closing it stops the process and removes its container, whether it ended or not.
 */
public interface AttachedProcess extends AutoCloseable {
    int STDOUT = 1;
    int STDERR = 2;

    /** The output of a process, as it comes: stream is {@link #STDOUT} or {@link #STDERR} (all is stdout with a TTY). */
    @FunctionalInterface
    interface Output {
        void write(int stream, byte[] bytes, int offset, int length) throws IOException;
    }

    /** The process's name in logs and ps (run.N). */
    String process();

    void write(byte[] bytes, int offset, int length) throws IOException;

    /** Ends the process's input: it reads end of file. */
    void closeInput() throws IOException;

    /** The terminal's new size; ignored without a TTY. */
    void resize(int rows, int columns);

    /** Hands the output to out as it comes; returns once the process closed its output (it ended, or was stopped). */
    void copyOutput(Output out) throws IOException;

    /** The exit status, waiting up to timeout for the process to end; empty if it still runs. */
    OptionalInt awaitExit(Duration timeout);

    /** Stops the process if it runs and removes its container. */
    @Override
    void close();
}
