package io.paas.controller.runs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.paas.client.Api;
import io.paas.client.RunStreams;
import io.paas.controller.logs.AppLogs;
import io.paas.controller.scheduler.AttachedProcess;
import io.paas.controller.scheduler.Scheduler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One attached one-off process and the WebSocket of its caller (see {@link RunStreams} for the
 * messages). The process's output is copied to the socket on a thread of the session's own, its
 * input from the socket on another (a process that reads slowly pauses the socket, not an event
 * loop). It ends when the process ends (its status is the last message), when the caller goes away,
 * or at the time limit; in every case its container is removed and the app's log says how it ended.
 */
final class RunSession {
    private static final Logger LOG = Logger.getLogger(RunSession.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Input chunks held for a process before the socket is paused. */
    private static final int INPUT_HIGH = 64;
    private static final int INPUT_LOW = 8;
    private static final byte[] END_OF_INPUT = new byte[0];
    private static final byte[] STOP = new byte[0];

    private final AttachedRuns.Ticket ticket;
    private final ServerWebSocket socket;
    private final Scheduler scheduler;
    private final AppLogs logs;
    private final Duration timeout;
    private final ScheduledExecutorService timer;
    private final Runnable onEnd;
    private final LinkedBlockingQueue<byte[]> input = new LinkedBlockingQueue<>();
    private volatile AttachedProcess process;
    /** Open once the engine has attached the process, or failed to. */
    private final CountDownLatch attached = new CountDownLatch(1);
    private volatile boolean callerGone;
    private volatile boolean timedOut;
    private volatile boolean ended;
    private boolean paused;

    RunSession(AttachedRuns.Ticket ticket, ServerWebSocket socket, Scheduler scheduler, AppLogs logs, Duration timeout,
               ScheduledExecutorService timer, Runnable onEnd) {
        this.ticket = ticket;
        this.socket = socket;
        this.scheduler = scheduler;
        this.logs = logs;
        this.timeout = timeout;
        this.timer = timer;
        this.onEnd = onEnd;
    }

    void start() {
        socket.binaryMessageHandler(this::received);
        socket.closeHandler(gone -> callerLeft());
        socket.exceptionHandler(e -> callerLeft());
        thread("run-output-" + ticket.process(), this::run);
        thread("run-input-" + ticket.process(), this::copyInput);
    }

    private void received(Buffer message) {
        if (message.length() == 0) {
            return;
        }
        int channel = message.getByte(0) & 0xff;
        if (channel == RunStreams.STDIN && message.length() > 1) {
            input.add(message.getBytes(1, message.length()));
            synchronized (this) {
                if (!paused && input.size() > INPUT_HIGH) {
                    paused = true;
                    socket.pause();
                }
            }
        } else if (channel == RunStreams.CLOSE) {
            input.add(END_OF_INPUT);
        } else if (channel == RunStreams.RESIZE) {
            resize(message.getBytes(1, message.length()));
        }
    }

    private void resize(byte[] json) {
        AttachedProcess p = process;
        if (p == null) {
            return;
        }
        try {
            JsonNode size = JSON.readTree(json);
            p.resize(size.path("Height").asInt(0), size.path("Width").asInt(0));
        } catch (IOException e) {
            // a malformed size changes nothing
        }
    }

    private void callerLeft() {
        if (ended) {
            return;
        }
        callerGone = true;
        input.add(STOP);
        AttachedProcess p = process;
        if (p != null) {
            p.close();
        }
    }

    private void run() {
        String how = ticket.tty() ? " (attached, with a terminal)" : " (attached)";
        logs.platform(ticket.appId(), ticket.process(), "Starting process with command `" + ticket.spec().command()
                + "` by " + ticket.user() + how);
        int status;
        String end;
        try {
            process = scheduler.attach(ticket.spec(), ticket.tty(), ticket.rows(), ticket.columns());
            attached.countDown();
            if (callerGone) {
                process.close();
            }
            ScheduledFuture<?> limit = timer.schedule(this::timeUp, timeout.toMillis(), TimeUnit.MILLISECONDS);
            try {
                process.copyOutput(this::send);
            } catch (IOException e) {
                LOG.debugf("output of %s ended: %s", ticket.process(), e.getMessage());
            }
            limit.cancel(false);
            OptionalInt code = callerGone || timedOut ? OptionalInt.empty() : process.awaitExit(Duration.ofSeconds(10));
            status = timedOut ? RunEnd.KILLED_STATUS : code.orElse(RunEnd.KILLED_STATUS);
            end = timedOut ? RunEnd.timedOut(timeout)
                    : callerGone ? RunEnd.callerGone()
                    : RunEnd.exited(status);
        } catch (RuntimeException e) {
            status = RunEnd.FAILED_STATUS;
            end = RunEnd.couldNotRun(e.getMessage());
        } finally {
            ended = true;
            attached.countDown();
            input.add(STOP);
            if (process != null) {
                process.close();
            }
            onEnd.run();
        }
        logs.platform(ticket.appId(), ticket.process(), end);
        if (!callerGone) {
            finish(status, end);
        }
    }

    private void timeUp() {
        timedOut = true;
        AttachedProcess p = process;
        if (p != null) {
            p.close();
        }
    }

    private void send(int stream, byte[] bytes, int offset, int length) {
        Buffer message = Buffer.buffer(length + 1).appendByte((byte) stream).appendBytes(bytes, offset, length);
        // A caller that reads slowly slows the process's output, not the controller's memory.
        while (socket.writeQueueFull() && !callerGone) {
            sleep(5);
        }
        if (!callerGone) {
            socket.writeBinaryMessage(message);
        }
    }

    private void finish(int status, String message) {
        try {
            byte[] end = JSON.writeValueAsBytes(new Api.RunEnd(status, message));
            socket.writeBinaryMessage(Buffer.buffer(end.length + 1).appendByte((byte) RunStreams.STATUS).appendBytes(end))
                    .onComplete(written -> socket.close());
        } catch (IOException | RuntimeException e) {
            socket.close();
        }
    }

    private void copyInput() {
        boolean open = true;
        try {
            while (true) {
                byte[] chunk = input.take();
                if (chunk == STOP) {
                    return;
                }
                AttachedProcess p = awaitProcess();
                if (p == null) {
                    return;
                }
                if (open) {
                    try {
                        if (chunk == END_OF_INPUT) {
                            p.closeInput();
                        } else {
                            p.write(chunk, 0, chunk.length);
                        }
                    } catch (IOException e) {
                        // the process closed its input or ended: what comes now goes nowhere, as in a terminal
                        open = false;
                    }
                }
                synchronized (this) {
                    if (paused && input.size() < INPUT_LOW) {
                        paused = false;
                        socket.resume();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private AttachedProcess awaitProcess() throws InterruptedException {
        attached.await();
        return process;
    }

    private static void thread(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
