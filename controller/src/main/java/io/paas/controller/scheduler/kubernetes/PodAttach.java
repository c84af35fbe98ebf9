package io.paas.controller.scheduler.kubernetes;

import io.paas.controller.scheduler.ProcessLabels;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ExecWatch;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.client.dsl.TtyExecErrorable;
import io.paas.controller.scheduler.AttachedProcess;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * `paas run` on a cluster: the one-off pod's standard streams through the API server's attach
 * (what `kubectl attach -i` uses). The pod starts before the attach, so what it prints in its first
 * moment may come before the caller listens: the same as `kubectl run -i`.
 */
final class PodAttach implements AttachedProcess {
    private final PodResource pod;
    private final String process;
    private final ExecWatch watch;
    private final boolean tty;
    private final Runnable remove;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PodAttach(PodResource pod, String process, ExecWatch watch, boolean tty, Runnable remove) {
        this.pod = pod;
        this.process = process;
        this.watch = watch;
        this.tty = tty;
        this.remove = remove;
    }

    static PodAttach open(PodResource resource, Pod pod, boolean tty, Runnable remove) {
        TtyExecErrorable streams = resource.inContainer(ProcessPods.CONTAINER).redirectingInput().redirectingOutput();
        ExecWatch watch = tty ? streams.withTTY().attach() : streams.redirectingError().attach();
        var labels = pod.getMetadata().getLabels();
        return new PodAttach(resource, labels.get(ProcessLabels.ROLE) + "." + labels.get(ProcessLabels.INDEX), watch, tty, remove);
    }

    @Override
    public String process() {
        return process;
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        watch.getInput().write(bytes, offset, length);
        watch.getInput().flush();
    }

    @Override
    public void closeInput() throws IOException {
        watch.getInput().close();
    }

    @Override
    public void resize(int rows, int columns) {
        if (tty) {
            watch.resize(columns, rows);
        }
    }

    @Override
    public void copyOutput(Output out) throws IOException {
        Thread errors = null;
        if (!tty) {
            errors = new Thread(() -> copyQuietly(watch.getError(), STDERR, out), process + "-stderr");
            errors.setDaemon(true);
            errors.start();
        }
        copy(watch.getOutput(), STDOUT, out);
        if (errors != null) {
            try {
                errors.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void copy(InputStream in, int stream, Output out) throws IOException {
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            if (n > 0) {
                out.write(stream, buffer, 0, n);
            }
        }
    }

    private static void copyQuietly(InputStream in, int stream, Output out) {
        try {
            copy(in, stream, out);
        } catch (IOException ignored) {
            // the caller went away: nothing more to hand over
        }
    }

    @Override
    public OptionalInt awaitExit(Duration timeout) {
        try {
            Pod ended = pod.waitUntilCondition(p -> p == null || ProcessPods.isEnded(p),
                    Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
            return ended == null ? OptionalInt.empty()
                    : ProcessPods.end(ended).map(e -> OptionalInt.of((int) e.exitCode())).orElse(OptionalInt.empty());
        } catch (KubernetesClientException e) {
            return OptionalInt.empty();
        }
    }


    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            watch.close();
            remove.run();
        }
    }
}
