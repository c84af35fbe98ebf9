package io.paas.controller.deploy;

import io.paas.controller.apps.AppService;
import io.paas.controller.problems.Problem;
import io.paas.controller.routes.RouteTable;
import io.paas.controller.scheduler.EngineException;
import io.paas.controller.scheduler.Plan;
import io.paas.controller.scheduler.ProcessEvent;
import io.paas.controller.logs.AppLogs;
import io.paas.controller.prometheus.ControllerMetrics;
import io.paas.controller.scheduler.RunningProcess;
import io.paas.controller.scheduler.Scheduler;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * Keeps every app at its newest serving release, doing work in proportion to what changes, not to
 * how many apps exist (as Kubernetes informers do): one list of all the platform's containers and
 * one batched read of what every app should run, then the engine's event stream. A container that
 * dies, is killed for memory or is removed brings its app back here at once; a full re-list every
 * few minutes (paas.deploy.resync-interval) is the safety net, and so is a re-list whenever the
 * event stream breaks (an engine restart). Healthy containers are kept as they are; crashed or
 * vanished ones are replaced, with back-off per slot, and counted as restarts.
 */
@ApplicationScoped
public class Reconciler {
    private static final Logger LOG = Logger.getLogger(Reconciler.class);
    /** Apps looked at in parallel: a replacement waits for its health check, others must not wait behind it. */
    private static final int WORKERS = 8;
    /** How soon an app a deploy holds is looked at again: the change that brought it here may have come mid-deploy. */
    private static final Duration BUSY_RETRY = Duration.ofMillis(500);
    private static final Duration MAX_RETRY = Duration.ofSeconds(60);

    private final AppService apps;
    private final DesiredStateReader reader;
    private final DeployService deploys;
    private final DeployLocks locks;
    private final RestartTracker restarts;
    private final Scheduler scheduler;
    private final RouteTable routes;
    private final DeploySettings settings;
    private final ProcessInventory inventory;
    /** Apps waiting for a worker, so that a burst of events for one app costs one pass. */
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    /** When each app is to be looked at again (back-off, busy, failed), the earliest wins. */
    private final Map<String, Long> retryAt = new ConcurrentHashMap<>();
    /** Failed passes in a row per app, for the retry's back-off. */
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final ExecutorService workers = Executors.newFixedThreadPool(WORKERS, daemon("reconciler"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(daemon("reconciler-timer"));
    private final AtomicBoolean followScheduled = new AtomicBoolean();
    private volatile Closeable watch;
    /** True from a watch's start to its end: the inventory is only current while it is. */
    private volatile boolean streaming;
    private volatile boolean stopped;
    private int followFailures;
    private boolean firstPassDone;

    private final AppLogs logs;
    private final ControllerMetrics metrics;

    public Reconciler(AppService apps, DesiredStateReader reader, DeployService deploys, DeployLocks locks,
                      RestartTracker restarts, Scheduler scheduler, RouteTable routes, DeploySettings settings,
                      ProcessInventory inventory, AppLogs logs, ControllerMetrics metrics) {
        this.logs = logs;
        this.metrics = metrics;
        this.apps = apps;
        this.reader = reader;
        this.deploys = deploys;
        this.locks = locks;
        this.restarts = restarts;
        this.scheduler = scheduler;
        this.routes = routes;
        this.settings = settings;
        this.inventory = inventory;
    }

    void onStart(@Observes StartupEvent event) {
        timer.execute(this::follow);
        long every = settings.resyncInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> workers.execute(this::resyncQuietly), every, every, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        closeWatch();
        timer.shutdownNow();
        workers.shutdownNow();
    }

    /**
     * Opens the engine's event stream, then lists everything: in that order no change falls between
     * the list and the first event. On failure (the engine is down or restarting) tries again, every
     * second at first, then less often.
     */
    private void follow() {
        if (stopped) {
            return;
        }
        closeWatch();
        try {
            watch = scheduler.watch(this::onEvent, this::onWatchEnd);
            streaming = true;
            resync();
            followFailures = 0;
        } catch (RuntimeException e) {
            followFailures++;
            LOG.warnf("cannot follow the container engine (%s); trying again", message(e));
            followLater(Duration.ofSeconds(Math.min(1L << Math.min(followFailures - 1, 4), 10)));
        }
    }

    private void onEvent(ProcessEvent event) {
        inventory.update(event, System.nanoTime());
        enqueue(event.app());
    }

    private void onWatchEnd(Throwable why) {
        streaming = false;
        inventory.lost();
        if (!stopped) {
            LOG.infof("the container engine's event stream ended (%s): listing everything again",
                    why == null ? "closed by the engine" : message(why));
            followLater(Duration.ofMillis(200));
        }
    }

    private void followLater(Duration delay) {
        if (!stopped && followScheduled.compareAndSet(false, true)) {
            timer.schedule(() -> {
                followScheduled.set(false);
                follow();
            }, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void closeWatch() {
        streaming = false;
        Closeable current = watch;
        watch = null;
        if (current != null) {
            try {
                current.close();
            } catch (IOException ignored) {
                // the stream is gone either way
            }
        }
    }

    private void resyncQuietly() {
        try {
            resync();
        } catch (RuntimeException e) {
            LOG.warnf("full pass over the apps failed: %s", message(e));
        }
    }

    /**
     * Compares every app with what runs, from one list of the engine's containers and one batched
     * read of the database, holding the apps no deploy holds. Apps that match are routed to their
     * containers in one route change; the others go to the workers.
     */
    private synchronized void resync() {
        long started = System.nanoTime();
        boolean failed = true;
        try {
            passOverAll();
            failed = false;
        } finally {
            metrics.reconcilerPass(ControllerMetrics.Pass.FULL, System.nanoTime() - started, failed);
        }
    }

    private void passOverAll() {
        List<String> names = apps.names();
        Set<String> toFix = new HashSet<>();
        Set<String> existing = new HashSet<>();
        locks.tryRunAll(names, held -> {
            Map<String, DesiredState> desired = reader.allServing();
            existing.addAll(desired.keySet());
            long listedAt = System.nanoTime();
            List<RunningProcess> all = scheduler.observeAll();
            inventory.replaceAll(all, listedAt, streaming);
            Map<String, List<RunningProcess>> observed = all.stream().collect(Collectors.groupingBy(RunningProcess::app));
            Map<String, List<String>> routed = new HashMap<>();
            for (String app : held) {
                DesiredState state = desired.get(app);
                if (state == null) {
                    continue;
                }
                List<RunningProcess> processes = observed.getOrDefault(app, List.of());
                if (state.image() == null) {
                    routed.put(app, List.of());
                    continue;
                }
                Plan plan = Plan.between(state.processes(), processes);
                if (plan.isNoOp()) {
                    routed.put(app, DeployService.webEndpoints(plan.toKeep()));
                } else {
                    if (routes.endpoints(app) == null) {
                        // first pass after a restart: serve from what runs until the app is fixed
                        routed.put(app, DeployService.webEndpoints(processes.stream().filter(RunningProcess::isRunning).toList()));
                    }
                    toFix.add(app);
                }
            }
            routes.putAll(routed);
        });
        restarts.forgetAllBut(existing);
        if (!firstPassDone) {
            firstPassDone = true;
            routes.markComplete();
            // Start-up (unpacking PostgreSQL, Hibernate's boot) grows the heap far beyond what an
            // idle controller needs; one full collection lets the serial collector hand it back.
            System.gc();
        }
        toFix.forEach(this::enqueue);
    }

    private void enqueue(String app) {
        if (!stopped && queued.add(app)) {
            workers.execute(() -> {
                queued.remove(app);
                reconcile(app);
            });
        }
    }

    /** Looks at the app again after the delay, unless an earlier look is already due. */
    private void retryLater(String app, Duration delay) {
        long at = System.nanoTime() + delay.toNanos();
        if (stopped || retryAt.merge(app, at, Math::min) != at) {
            return;
        }
        timer.schedule(() -> {
            if (retryAt.remove(app, at)) {
                enqueue(app);
            }
        }, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One pass for one app, now; an app a deploy holds is looked at again shortly. */
    public void reconcile(String app) {
        if (!locks.tryRun(app, () -> reconcileHeld(app))) {
            retryLater(app, BUSY_RETRY);
        }
    }

    private void reconcileHeld(String app) {
        long passStarted = System.nanoTime();
        boolean failed = true;
        try {
            DesiredState serving = reader.serving(app).orElse(null);
            if (serving == null) {
                restarts.forget(app);
                failures.remove(app);
                failed = false;
                return;
            }
            if (serving.image() == null) {
                routes.put(app, List.of());
                failed = false;
                return;
            }
            List<RunningProcess> observed = scheduler.observe(app);
            tellCrashes(serving, observed);
            List<Duration> heldBack = new ArrayList<>();
            List<RunningProcess> started = deploys.reconcile(serving, observed, spec -> {
                // Outside a deploy, a slot is only ever missing because its process ended or was
                // removed. Each start counts as a restart and waits out the slot's back-off, even when
                // the last attempt never became healthy: its events must not make a tight loop.
                String slot = spec.type() + "." + spec.index();
                Duration wait = restarts.untilRestart(app, slot);
                if (!wait.isZero()) {
                    heldBack.add(wait);
                    return false;
                }
                restarts.restarted(app, slot);
                return true;
            });
            for (RunningProcess p : started) {
                LOG.infof("%s: restarted %s (v%d)", app, p.slot(), p.release());
                logs.platform(serving.appId(), p.slot(), "Restarted (v" + p.release() + ")");
            }
            failures.remove(app);
            // a slot its crash back-off holds: looked at again when the back-off ends
            heldBack.stream().min(Duration::compareTo).ifPresent(wait -> retryLater(app, wait));
            failed = false;
        } catch (EngineException e) {
            LOG.warnf("could not reconcile %s: %s", app, e.forOperators());
            retryLater(app, failureDelay(app));
        } catch (Problem e) {
            LOG.warnf("could not reconcile %s: %s", app, e.getMessage());
            retryLater(app, failureDelay(app));
        } catch (RuntimeException e) {
            LOG.warnf(e, "could not reconcile %s: %s", app, e.getMessage());
            retryLater(app, failureDelay(app));
        } finally {
            metrics.reconcilerPass(ControllerMetrics.Pass.APP, System.nanoTime() - passStarted, failed);
        }
    }

    /**
     * Puts in the app's log why its processes that no longer run ended: outside a deploy, the
     * platform removes what it stops, so a container still there and not running crashed.
     */
    private void tellCrashes(DesiredState serving, List<RunningProcess> observed) {
        for (RunningProcess p : observed) {
            if (!p.isRunning()) {
                scheduler.ended(p).ifPresent(end -> logs.platform(serving.appId(), p.slot(),
                        "Process crashed: " + end.reason() + (restarts.restarts(serving.app(), p.slot()) > 0
                                ? " (restarted " + restarts.restarts(serving.app(), p.slot()) + " times)" : "")));
            }
        }
    }

    /** 1 s after the first failed pass, doubling up to a minute. */
    private Duration failureDelay(String app) {
        int streak = failures.merge(app, 1, Integer::sum);
        Duration delay = Duration.ofSeconds(1L << Math.min(streak - 1, 6));
        return delay.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : delay;
    }

    private static String message(Throwable e) {
        return e instanceof EngineException engine ? engine.forOperators() : String.valueOf(e.getMessage());
    }

    private static ThreadFactory daemon(String name) {
        return work -> {
            Thread thread = new Thread(work, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
