package io.paas.controller.deploy;

import io.paas.controller.apps.App;
import io.paas.controller.apps.AppService;
import io.paas.controller.logs.AppLogs;
import io.paas.controller.prometheus.ControllerMetrics;
import io.paas.controller.problems.Problem;
import io.paas.controller.releases.ReleaseImages;
import io.paas.controller.releases.ReleaseService;
import io.paas.controller.routes.RouteTable;
import io.paas.controller.routes.RouterAcks;
import io.paas.controller.scheduler.OneOffResult;
import io.paas.controller.scheduler.Plan;
import io.paas.controller.scheduler.ProcessSpec;
import io.paas.controller.scheduler.RunningProcess;
import io.paas.controller.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Rolls an app to its desired state without dropping requests: run the release phase (once per
 * release), start the new containers, wait until each is healthy, switch the routes to them, wait
 * until every live router applied the switch, let in-flight requests drain, then stop the old
 * containers (SIGTERM, then SIGKILL after a grace period); after a push that drain and stop happen
 * in the background, once the new release serves. When a new container never becomes
 * healthy, nothing is switched: the old release keeps serving and the new one is marked failed.
 */
@ApplicationScoped
public class DeployService {
    private static final Logger LOG = Logger.getLogger(DeployService.class);
    /** What a failed release keeps of its process's output: enough for a stack trace's head. */
    private static final int OUTPUT_LINES = 20;

    private final Scheduler scheduler;
    private final DesiredStateReader reader;
    private final ReleaseService releases;
    private final AppService apps;
    private final RouteTable routes;
    private final RouterAcks acks;
    private final HealthProbe health;
    private final DeployLocks locks;
    private final DeploySettings settings;
    private final ProcessInventory inventory;
    private final AppLogs logs;
    private final ControllerMetrics metrics;
    private final ReleaseImages images;
    private final ExecutorService pool = Executors.newCachedThreadPool();

    public DeployService(Scheduler scheduler, DesiredStateReader reader, ReleaseService releases, AppService apps,
                         RouteTable routes, RouterAcks acks, HealthProbe health, DeployLocks locks,
                         DeploySettings settings, ProcessInventory inventory, AppLogs logs, ControllerMetrics metrics,
                         ReleaseImages images) {
        this.images = images;
        this.logs = logs;
        this.metrics = metrics;
        this.scheduler = scheduler;
        this.reader = reader;
        this.releases = releases;
        this.apps = apps;
        this.routes = routes;
        this.acks = acks;
        this.health = health;
        this.locks = locks;
        this.settings = settings;
        this.inventory = inventory;
    }

    /** Rolls out the app's newest release (after a build, config change, rollback, scale or restart). */
    public void deploy(String app) {
        locks.run(app, () -> rollOut(app).run());
    }

    /**
     * Makes a change (a new release) and rolls it out under the app's lock, so that no destroy of the
     * app comes between the two; answers what change made as soon as the new release serves (its
     * routes confirmed). The old containers then drain and stop in the background, still under the
     * lock, so the app's next change waits for them.
     */
    public <T> T deployAfter(String app, Supplier<T> change) {
        AtomicReference<T> made = new AtomicReference<>();
        locks.runThenInBackground(app, () -> {
            made.set(change.get());
            return rollOut(app);
        });
        return made.get();
    }

    /** Rolls out and answers what is left once the new release serves: retiring the old containers. */
    private Runnable rollOut(String app) {
        DesiredState latest = reader.latest(app).orElseThrow(() -> Problem.notFound("no app named " + app));
        // A scale or restart after a failed release works on the release that serves.
        DesiredState desired = "failed".equals(latest.releaseStatus()) ? reader.serving(app).orElse(latest) : latest;
        if (desired.image() == null) {
            // Nothing was ever built, so nothing can run yet: the host answers 503 until the first push.
            routes.put(app, List.of());
            return () -> { };
        }
        metrics.deployStarted();
        try {
            if (desired.isFirstRollout()) {
                logs.platform(desired.appId(), null, "Deploying v" + desired.release());
                runReleasePhase(desired);
            }
            Rollout rollout = converge(desired, scheduler.observe(app), p -> true);
            if (desired.isFirstRollout()) {
                releases.markSucceeded(apps.require(app), desired.release());
                metrics.releaseEnded(true);
                logs.platform(desired.appId(), null, "Deployed v" + desired.release());
                // once the old containers are gone, so are the images only releases beyond the kept ones used
                return () -> {
                    rollout.retireOld().run();
                    collectImages(desired.appId());
                };
            }
            return rollout.retireOld();
        } catch (RuntimeException failure) {
            metrics.deployFailed();
            if (desired.isFirstRollout()) {
                metrics.releaseEnded(false);
                if (failure instanceof ReleaseFailure release) {
                    releases.markFailed(apps.require(app), desired.release(), release.reason(), release.output());
                    logs.platform(desired.appId(), null, "Release v" + desired.release() + " failed: " + release.reason());
                } else {
                    releases.markFailed(apps.require(app), desired.release(), failure.getMessage(), null);
                    logs.platform(desired.appId(), null, "Release v" + desired.release() + " failed: " + failure.getMessage());
                }
            }
            throw failure;
        }
    }

    private void collectImages(long appId) {
        try {
            images.collect(appId);
        } catch (RuntimeException e) {
            LOG.warnf("collecting old release images of app %d failed: %s", appId, e.getMessage());
        }
    }

    /**
     * Brings the app back to its newest serving release from what the engine runs of it (observed),
     * starting only the slots the filter allows (crash back-off); healthy containers are kept.
     * Answers what was started.
     */
    List<RunningProcess> reconcile(DesiredState serving, List<RunningProcess> observed, Predicate<ProcessSpec> mayStart) {
        Rollout rollout = converge(serving, observed, mayStart);
        rollout.retireOld().run();
        return rollout.started();
    }

    /**
     * Stops every container of the app (its one-offs too) and removes its route, so its host answers 404, then runs
     * deleteRecord (the app's rows) under the same lock: a reconcile pass that listed the app before
     * could otherwise reach it between the two and route (or start) it again.
     */
    public void destroy(String app, Runnable deleteRecord) {
        locks.run(app, () -> {
            routes.remove(app);
            List<RunningProcess> containers = new ArrayList<>(scheduler.observe(app));
            scheduler.oneOffs(app, null).forEach(oneOff -> containers.add(oneOff.process()));
            stopAll(containers, Duration.ofSeconds(2));
            scheduler.forget(app);
            Long appId = App.byName(app).map(a -> a.id).orElse(null);
            deleteRecord.run();
            if (appId != null) {
                logs.forget(appId);
            }
        });
    }

    /**
     * Starts what is missing, switches the routes to the live containers and waits until the routers
     * applied the switch; answers what was started and the rest of the work: letting in-flight
     * requests to the old containers drain, then stopping them.
     */
    private Rollout converge(DesiredState desired, List<RunningProcess> observed, Predicate<ProcessSpec> mayStart) {
        String app = desired.app();
        Plan plan = Plan.between(desired.processes(), observed);
        List<ProcessSpec> starting = plan.toStart().stream().filter(mayStart).toList();
        List<RunningProcess> started = startAll(desired, starting);
        List<RunningProcess> live = new ArrayList<>(plan.toKeep());
        live.addAll(started);
        long generation = routes.put(app, webEndpoints(live));
        List<RunningProcess> stopping = plan.toStop();
        boolean servedOld = stopping.stream().anyMatch(p -> p.isRunning() && "web".equals(p.type()));
        if (servedOld && !acks.awaitAll(generation, settings.ackTimeout())) {
            LOG.warnf("%s: not every router confirmed route generation %d in time", app, generation);
        }
        if (stopping.isEmpty()) {
            return new Rollout(started, () -> { });
        }
        return new Rollout(started, () -> {
            if (servedOld) {
                sleep(settings.drain());
            }
            stopAll(stopping, settings.stopGrace());
        });
    }

    /** What a convergence started, and what it left to do once the new containers serve. */
    private record Rollout(List<RunningProcess> started, Runnable retireOld) {
    }

    private void runReleasePhase(DesiredState desired) {
        ProcessSpec phase = desired.releasePhase();
        if (phase == null) {
            return;
        }
        OneOffResult result = scheduler.runOnce(phase, settings.releasePhaseTimeout());
        LOG.infof("%s v%d release phase: exit %d", desired.app(), desired.release(), result.exitCode());
        if (!result.succeeded()) {
            String why = result.timedOut() ? "did not finish within " + settings.releasePhaseTimeout().toSeconds() + " s"
                    : "exited with status " + result.exitCode();
            String reason = "its release phase (" + phase.command() + ") " + why;
            throw new ReleaseFailure("v" + desired.release() + " was not deployed: " + reason + "; v" + desired.release()
                    + " is marked failed and the previous release keeps serving", reason, result.output().strip());
        }
    }

    private List<RunningProcess> startAll(DesiredState desired, List<ProcessSpec> specs) {
        List<CompletableFuture<RunningProcess>> futures = specs.stream()
                .map(spec -> CompletableFuture.supplyAsync(() -> startHealthy(desired, spec), pool)).toList();
        List<RunningProcess> started = new ArrayList<>();
        RuntimeException failure = null;
        for (CompletableFuture<RunningProcess> future : futures) {
            try {
                started.add(future.join());
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                failure = cause instanceof RuntimeException r ? r : e;
            }
        }
        if (failure != null) {
            stopAll(started, Duration.ZERO);
            throw failure instanceof Problem || failure instanceof io.paas.controller.scheduler.EngineException
                    ? failure
                    : new Problem(Problem.Kind.DEPLOY_FAILED, "could not start a container: " + failure.getMessage(), failure);
        }
        return started;
    }

    private RunningProcess startHealthy(DesiredState desired, ProcessSpec spec) {
        String slot = spec.type() + "." + spec.index();
        logs.platform(spec.appId(), slot, "Starting process of v" + spec.release()
                + (spec.command() == null || spec.command().isEmpty() ? "" : " with command `" + spec.command() + "`"));
        RunningProcess process = scheduler.start(spec);
        inventory.wrote(process.containerId(), process);
        String unhealthy = health.awaitHealthy(process, desired.healthCheck(spec.type()), settings.healthDeadline());
        if (unhealthy != null) {
            String output = scheduler.recentLogs(process, OUTPUT_LINES).strip();
            logs.platform(spec.appId(), slot, "Process of v" + spec.release() + " " + unhealthy);
            stop(process, Duration.ZERO);
            String reason = slot + " " + unhealthy;
            throw new ReleaseFailure(slot + " of v" + spec.release() + " " + unhealthy
                    + "; the previous release keeps serving", reason, output);
        }
        logs.platform(spec.appId(), slot, "State changed from starting to up");
        LOG.infof("started %s %s.%d v%d at %s", spec.app(), spec.type(), spec.index(), spec.release(), process.endpoint());
        return process;
    }

    private void stopAll(List<RunningProcess> processes, Duration grace) {
        CompletableFuture.allOf(processes.stream()
                .map(p -> CompletableFuture.runAsync(() -> stop(p, grace), pool))
                .toArray(CompletableFuture[]::new)).join();
    }

    private void stop(RunningProcess process, Duration grace) {
        scheduler.stop(process, grace);
        inventory.wrote(process.containerId(), null);
    }

    /** Where the router sends the app's requests: its web processes' endpoints, in a stable order. */
    static List<String> webEndpoints(List<RunningProcess> processes) {
        return processes.stream().filter(p -> "web".equals(p.type()) && p.endpoint() != null)
                .sorted(Comparator.comparing(RunningProcess::name))
                .map(RunningProcess::endpoint).toList();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
