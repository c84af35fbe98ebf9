package io.paas.cli.run;

import io.paas.cli.CliContext;
import io.paas.cli.support.CliException;
import io.paas.client.Api;
import io.paas.client.ControllerClient;
import io.paas.client.RunStreams;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CountDownLatch;

/**
 * paas run's side of an attached process: the user's input goes to it as it is typed or piped, its
 * output comes back as it is written, and the command ends with its exit status. With a TTY our
 * terminal is raw for the session (the remote terminal echoes and handles keys) and a resize of the
 * window is passed on. Ctrl-C without a TTY ends the JVM: the connection closes with it, and the
 * platform stops the process.
 */
final class AttachedSession implements RunStreams.Receiver {
    private final CliContext ctx;
    private final ControllerClient client;
    private final Api.Run run;
    private final boolean tty;
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile int status = 1;
    private volatile String failure;

    AttachedSession(CliContext ctx, ControllerClient client, Api.Run run, boolean tty) {
        this.ctx = ctx;
        this.client = client;
        this.run = run;
        this.tty = tty;
    }

    int run() throws InterruptedException {
        Terminal terminal = new Terminal();
        RunStreams streams = client.attach(run, this);
        Thread restore = new Thread(() -> {
            streams.close();
            terminal.restore();
        }, "paas-run-exit");
        Runtime.getRuntime().addShutdownHook(restore);
        try {
            if (tty) {
                terminal.raw();
                WindowChanges.follow(() -> {
                    int[] size = Terminal.size();
                    try {
                        streams.resize(size[0], size[1]);
                    } catch (IOException e) {
                        // the session is ending
                    }
                });
            }
            Thread input = new Thread(() -> copyInput(streams), "paas-run-input");
            input.setDaemon(true);
            input.start();
            ended.await();
        } finally {
            terminal.restore();
            streams.close();
            try {
                Runtime.getRuntime().removeShutdownHook(restore);
            } catch (IllegalStateException exiting) {
                // the JVM is ending: the hook runs anyway
            }
        }
        if (failure != null) {
            throw new CliException("lost the connection to " + run.process() + ": " + failure
                    + " (the platform stops it when its caller goes away)");
        }
        return status;
    }

    private void copyInput(RunStreams streams) {
        InputStream in = ctx.stdin();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (n > 0) {
                    streams.input(buffer, 0, n);
                }
            }
            streams.closeInput();
        } catch (IOException e) {
            // the session ended, or our input failed: the process sees no more input either way
        }
    }

    @Override
    public void output(int stream, byte[] bytes) throws IOException {
        OutputStream out = stream == RunStreams.STDERR ? ctx.stderr() : ctx.stdout();
        out.write(bytes);
        out.flush();
    }

    @Override
    public void ended(int status, String message) {
        this.status = status;
        if (message != null && !message.startsWith("Process exited")) {
            ctx.err().println(message);
            ctx.err().flush();
        }
        ended.countDown();
    }

    @Override
    public void lost(String why) {
        failure = why;
        ended.countDown();
    }
}
