package io.paas.controller.scheduler.kubernetes;

import io.paas.controller.scheduler.ProcessLabels;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.LogWatch;
import io.paas.controller.scheduler.OutputLine;
import org.jboss.logging.Logger;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The output of the platform's pods as the log's lines: each pod's log, read through the API server
 * with timestamps (as `kubectl logs -f --timestamps`), from the time of the last line handed on
 * (kept in a small file across controller restarts). stdout and stderr come as one stream here: the
 * kubelet keeps them apart, but the logs API does not tell them apart.
 */
final class PodOutput implements Closeable {
    private static final Logger LOG = Logger.getLogger(PodOutput.class);

    private final KubernetesClient client;
    private final ProcessPods pods;
    private final AppNamespaces namespaces;
    private final Path stateFile;
    /** Per pod uid: the time of the last line handed on. */
    private final Map<String, String> lastTimes = new ConcurrentHashMap<>();
    private final Map<String, LogWatch> following = new ConcurrentHashMap<>();
    private volatile Watch watch;
    private volatile long savedAt = System.nanoTime();
    /** At most one write of the state a second: a restart may hand on a second's lines twice, never lose one. */
    private static final long SAVE_EVERY_NANOS = 1_000_000_000L;

    PodOutput(KubernetesClient client, ProcessPods pods, AppNamespaces namespaces, Path stateFile) {
        this.client = client;
        this.pods = pods;
        this.namespaces = namespaces;
        this.stateFile = stateFile;
        load();
    }

    synchronized Closeable follow(Consumer<List<OutputLine>> onLines) {
        var selected = namespaces.platformPods();
        for (Pod pod : selected.list().getItems()) {
            maybeFollow(pod, onLines);
        }
        watch = selected.watch(new Watcher<Pod>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                if (action == Action.DELETED) {
                    stopFollowing(ProcessPods.id(pod));
                } else {
                    maybeFollow(pod, onLines);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                LOG.warnf("the pods' output is no longer followed: %s", cause.getMessage());
            }
        });
        return this;
    }

    /** Once its container runs (or ran): a pod still pulling has no log yet. Attached one-offs' output is their caller's. */
    private void maybeFollow(Pod pod, Consumer<List<OutputLine>> onLines) {
        String state = ProcessPods.state(pod);
        Map<String, String> labels = pod.getMetadata().getLabels();
        String appId = labels == null ? null : labels.get(ProcessPods.APP_ID);
        boolean attached = pod.getSpec() != null && !pod.getSpec().getContainers().isEmpty()
                && Boolean.TRUE.equals(pod.getSpec().getContainers().get(0).getStdin());
        if (appId == null || attached || !("running".equals(state) || "exited".equals(state))) {
            return;
        }
        String uid = ProcessPods.id(pod);
        if (following.containsKey(uid)) {
            return;
        }
        String type = labels.containsKey(ProcessLabels.TYPE) ? labels.get(ProcessLabels.TYPE) : labels.get(ProcessLabels.ROLE);
        String process = type + "." + labels.get(ProcessLabels.INDEX);
        var logs = client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                .inContainer(ProcessPods.CONTAINER).usingTimestamps();
        String since = lastTimes.get(uid);
        LogWatch log;
        try {
            log = since == null ? logs.watchLog() : logs.sinceTime(since).watchLog();
        } catch (KubernetesClientException e) {
            LOG.debugf("cannot follow %s's output: %s", pod.getMetadata().getName(), e.getMessage());
            return;
        }
        following.put(uid, log);
        Thread reader = new Thread(() -> read(uid, Long.parseLong(appId), process, since, log, onLines),
                "output-" + pod.getMetadata().getName());
        reader.setDaemon(true);
        reader.start();
    }

    private void read(String uid, long appId, String process, String since, LogWatch log, Consumer<List<OutputLine>> onLines) {
        Instant after = since == null ? null : ProcessPods.time(since);
        try (Reader in = new InputStreamReader(log.getOutput(), StandardCharsets.UTF_8);
             BufferedReader lines = new BufferedReader(in)) {
            for (String line; (line = lines.readLine()) != null; ) {
                int space = line.indexOf(' ');
                String stamp = space < 0 ? line : line.substring(0, space);
                Instant time = ProcessPods.time(stamp);
                if (time == null || (after != null && !time.isAfter(after))) {
                    // every line of the logs API carries its time; sinceTime is inclusive and
                    // second-grained: what is not after the last line handed on was handed on
                    continue;
                }
                onLines.accept(List.of(new OutputLine(appId, process, time, false, space < 0 ? "" : line.substring(space + 1))));
                lastTimes.put(uid, stamp);
                if (System.nanoTime() - savedAt > SAVE_EVERY_NANOS) {
                    save();
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debugf("%s's output ended: %s", process, e.getMessage());
        } finally {
            following.remove(uid, log);
        }
    }

    private void stopFollowing(String uid) {
        LogWatch log = following.remove(uid);
        if (log != null) {
            log.close();
        }
        if (lastTimes.remove(uid) != null) {
            save();
        }
    }

    private void load() {
        if (stateFile == null || !Files.isRegularFile(stateFile)) {
            return;
        }
        Properties saved = new Properties();
        try (Reader in = Files.newBufferedReader(stateFile)) {
            saved.load(in);
            saved.forEach((k, v) -> lastTimes.put(k.toString(), v.toString()));
        } catch (IOException e) {
            LOG.warnf("cannot read %s (the pods' output is followed from now on): %s", stateFile, e.getMessage());
        }
    }

    private synchronized void save() {
        if (stateFile == null) {
            return;
        }
        savedAt = System.nanoTime();
        Properties saved = new Properties();
        saved.putAll(lastTimes);
        try {
            Files.createDirectories(stateFile.getParent());
            Path next = stateFile.resolveSibling(stateFile.getFileName() + ".next");
            try (Writer out = Files.newBufferedWriter(next)) {
                saved.store(out, null);
            }
            Files.move(next, stateFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.debugf("cannot write %s: %s", stateFile, e.getMessage());
        }
    }

    @Override
    public synchronized void close() {
        if (watch != null) {
            watch.close();
            watch = null;
        }
        following.values().forEach(LogWatch::close);
        following.clear();
        save();
    }
}
