package io.paas.controller.deploy;

import io.paas.controller.problems.Problem;
import io.paas.controller.routes.RouteTable;
import io.paas.controller.scheduler.Plan;
import io.paas.controller.scheduler.ProcessSpec;
import io.paas.controller.scheduler.RunningProcess;
import io.paas.controller.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Brings an app's containers to its desired state: start what is missing, wait until the new web
 * processes accept connections, switch the routes to them, then stop what is no longer wanted.
 * One deploy at a time per app.
 */
@ApplicationScoped
public class DeployService {
    private static final Logger LOG = Logger.getLogger(DeployService.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Scheduler scheduler;
    private final DesiredStateReader reader;
    private final RouteTable routes;
    private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final ExecutorService pool = Executors.newCachedThreadPool();

    public DeployService(Scheduler scheduler, DesiredStateReader reader, RouteTable routes) {
        this.scheduler = scheduler;
        this.reader = reader;
        this.routes = routes;
    }

    public void deploy(String app) {
        ReentrantLock lock = locks.computeIfAbsent(app, a -> new ReentrantLock());
        lock.lock();
        try {
            DesiredState desired = reader.read(app).orElseThrow(() -> Problem.notFound("no app named " + app));
            if (desired.image() == null) {
                // Nothing was ever built, so nothing can run yet: the host answers 503 until the first push.
                routes.put(app, List.of());
                return;
            }
            List<RunningProcess> observed = scheduler.observe(app);
            Plan plan = Plan.between(desired.processes(), observed);
            List<RunningProcess> started = startAll(plan.toStart());
            List<RunningProcess> live = new ArrayList<>(plan.toKeep());
            live.addAll(started);
            routes.put(app, webEndpoints(live));
            stopAll(plan.toStop());
        } finally {
            lock.unlock();
        }
    }

    /** Stops every container of the app and removes its route, so its host answers 404. */
    public void destroy(String app) {
        ReentrantLock lock = locks.computeIfAbsent(app, a -> new ReentrantLock());
        lock.lock();
        try {
            routes.remove(app);
            stopAll(scheduler.observe(app));
        } finally {
            lock.unlock();
            locks.remove(app);
        }
    }

    private List<RunningProcess> startAll(List<ProcessSpec> specs) {
        List<CompletableFuture<RunningProcess>> futures = specs.stream()
                .map(spec -> CompletableFuture.supplyAsync(() -> startReady(spec), pool)).toList();
        List<RunningProcess> started = new ArrayList<>();
        Problem failure = null;
        for (CompletableFuture<RunningProcess> future : futures) {
            try {
                started.add(future.join());
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                failure = cause instanceof Problem p ? p
                        : new Problem(Problem.Kind.DEPLOY_FAILED, "could not start a container: " + cause.getMessage(), cause);
            }
        }
        if (failure != null) {
            stopAll(started);
            throw failure;
        }
        return started;
    }

    private RunningProcess startReady(ProcessSpec spec) {
        RunningProcess process = scheduler.start(spec);
        if (spec.isWeb() && !scheduler.awaitReady(process, READY_TIMEOUT)) {
            String logs = scheduler.recentLogs(process, 20);
            scheduler.stop(process, Duration.ZERO);
            throw new Problem(Problem.Kind.DEPLOY_FAILED, spec.type() + "." + spec.index() + " of v" + spec.release()
                    + " did not accept connections on $PORT within " + READY_TIMEOUT.toSeconds() + " s"
                    + (logs.isBlank() ? "" : "; its last output:\n" + logs));
        }
        LOG.infof("started %s %s.%d v%d at %s", spec.app(), spec.type(), spec.index(), spec.release(), process.endpoint());
        return process;
    }

    private void stopAll(List<RunningProcess> processes) {
        CompletableFuture.allOf(processes.stream()
                .map(p -> CompletableFuture.runAsync(() -> scheduler.stop(p, STOP_GRACE), pool))
                .toArray(CompletableFuture[]::new)).join();
    }

    private static List<String> webEndpoints(List<RunningProcess> processes) {
        return processes.stream().filter(p -> "web".equals(p.type()) && p.endpoint() != null)
                .sorted(java.util.Comparator.comparing(RunningProcess::name))
                .map(RunningProcess::endpoint).toList();
    }
}
