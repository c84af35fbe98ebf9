package io.paas.controller.scheduler;

import java.io.Closeable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The one boundary between the controller and whatever runs containers (the Docker API engine
 * today, Kubernetes later). Engines only execute; what to start and stop is decided by {@link Plan}.
 */
public interface Scheduler {
    /** Creates and starts the container; returns once the engine reports it running, with its endpoint. */
    RunningProcess start(ProcessSpec spec);

    /** Waits until a web process accepts TCP connections on its endpoint; false when the timeout passes. */
    boolean awaitReady(RunningProcess process, Duration timeout);

    /**
     * How the process ended, when it no longer runs (exit status, killed for memory, how long it
     * ran); empty while it runs, and when the engine no longer knows it.
     */
    Optional<ProcessEnd> ended(RunningProcess process);

    /** Stops (SIGTERM, then SIGKILL after grace) and removes the container. Idempotent. */
    void stop(RunningProcess process, Duration grace);

    /** The last lines a process printed, to show users why it failed. */
    default String recentLogs(RunningProcess process, int lines) {
        return "";
    }

    /**
     * Runs the spec's command once in a container of its own (no port, not counted as a process),
     * with the spec's memory and CPU limits, waits for it to end or for the timeout (then kills it),
     * and removes it. A container stopped meanwhile ({@link #stop}) ends it with its exit status.
     */
    OneOffResult runOnce(ProcessSpec spec, Duration timeout);

    /**
     * Starts the spec's command in a container of its own whose standard streams the caller holds
     * (with a TTY of rows x columns if asked); see {@link AttachedProcess}. The caller closes it.
     */
    AttachedProcess attach(ProcessSpec spec, boolean tty, int rows, int columns);

    /**
     * Pulls the image from its registry (auth: null for none), even when the engine has a copy of
     * that tag, and answers it pinned by digest with the TCP ports it EXPOSEs.
     */
    PulledImage pull(String image, RegistryAuth auth);

    /**
     * The image is no longer kept for any release: the engine drops its copy if it is one of this
     * platform's (by label) and no container uses it. Idempotent; a cluster's nodes collect their own.
     */
    default void removeImage(String image) {
    }

    /**
     * The app is gone and its processes stopped: removes what the engine kept for it beside them (on
     * Kubernetes its namespace, NetworkPolicy and Secrets). Idempotent.
     */
    default void forget(String app) {
    }

    /** Every container of this platform for the app, running or not. */
    List<RunningProcess> observe(String app);

    /**
     * The app's one-off containers of that role (paas run's "run"), running or ended but not yet
     * removed, each as type role and index N; app null: every app's, role null: every role's (a
     * release phase's too). They are never among {@link #observe}'s processes, so
     * no plan counts, replaces or removes them; {@link #stop} stops one.
     */
    default List<OneOffProcess> oneOffs(String app, String role) {
        return List.of();
    }

    /** Every process container of this platform, of every app, running or not: one call to the engine. */
    List<RunningProcess> observeAll();

    /**
     * Follows the engine's changes to this platform's process containers, as they happen: each one
     * that can change what runs ({@link ProcessEvent#changesWhatRuns}) goes to onEvent (on the
     * engine's thread). Returns once the engine accepted the subscription. When
     * the stream ends without being closed (the engine restarted, the connection broke), onEnd runs
     * once: the caller lists again ({@link #observeAll}) and watches again. Closing the handle ends
     * the stream without calling onEnd.
     */
    Closeable watch(Consumer<ProcessEvent> onEvent, Consumer<Throwable> onEnd);

    /**
     * What each running process uses now, by container id; a process the engine cannot say anything
     * about is left out (an engine that keeps no figures answers an empty map).
     */
    default Map<String, ProcessUsage> usage(List<RunningProcess> processes) {
        return Map.of();
    }

    /**
     * Hands every line the platform's process containers print to onLines, in batches, on the
     * engine's reader thread, going on from where it stopped before (across controller restarts).
     * Closing the handle stops it. An engine that keeps no output answers a handle that does nothing.
     */
    default Closeable followOutput(Consumer<List<OutputLine>> onLines) {
        return () -> { };
    }
}
