package io.paas.controller.deploy;

import io.paas.controller.apps.App;
import io.paas.controller.apps.AppService;
import io.paas.controller.routes.RouteTable;
import io.paas.controller.scheduler.EngineException;
import io.paas.controller.scheduler.ProcessSpec;
import io.paas.controller.scheduler.RunningProcess;
import io.paas.controller.scheduler.Scheduler;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Keeps every app at its newest serving release: at start (after a controller or platform
 * restart) and then every few seconds. Healthy containers are kept as they are; crashed or
 * vanished ones are replaced, with back-off per slot, and counted as restarts.
 */
@ApplicationScoped
public class Reconciler {
    private static final Logger LOG = Logger.getLogger(Reconciler.class);

    private final AppService apps;
    private final DesiredStateReader reader;
    private final DeployService deploys;
    private final DeployLocks locks;
    private final RestartTracker restarts;
    private final Scheduler scheduler;
    private final RouteTable routes;
    private final DeploySettings settings;
    /** Slots seen running in the last pass: one missing now has crashed or been removed from outside. */
    private final Map<String, Set<String>> seenRunning = new ConcurrentHashMap<>();
    private volatile boolean stopped;
    private boolean firstPassDone;
    private Thread loop;

    public Reconciler(AppService apps, DesiredStateReader reader, DeployService deploys, DeployLocks locks,
                      RestartTracker restarts, Scheduler scheduler, RouteTable routes, DeploySettings settings) {
        this.apps = apps;
        this.reader = reader;
        this.deploys = deploys;
        this.locks = locks;
        this.restarts = restarts;
        this.scheduler = scheduler;
        this.routes = routes;
        this.settings = settings;
    }

    void onStart(@Observes StartupEvent event) {
        loop = new Thread(this::run, "reconciler");
        loop.setDaemon(true);
        loop.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        stopped = true;
        if (loop != null) {
            loop.interrupt();
        }
    }

    private void run() {
        while (!stopped) {
            try {
                for (App app : apps.all()) {
                    reconcile(app.name);
                }
                if (!firstPassDone) {
                    firstPassDone = true;
                    routes.markComplete();
                    // Start-up (unpacking PostgreSQL, Hibernate's boot) grows the heap far beyond what an
                    // idle controller needs; one full collection lets the serial collector hand it back.
                    System.gc();
                }
            } catch (RuntimeException e) {
                LOG.warnf("reconcile pass failed: %s", e.getMessage());
            }
            try {
                Thread.sleep(settings.reconcileInterval().toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One pass for one app; skipped while a deploy of it runs. */
    public void reconcile(String app) {
        locks.tryRun(app, () -> {
            try {
                DesiredState serving = reader.serving(app).orElse(null);
                if (serving == null) {
                    seenRunning.remove(app);
                    restarts.forget(app);
                    return;
                }
                if (serving.image() == null) {
                    routes.put(app, List.of());
                    return;
                }
                List<RunningProcess> observed = scheduler.observe(app);
                Set<String> crashed = observed.stream().filter(p -> !p.isRunning())
                        .map(RunningProcess::slot).collect(Collectors.toSet());
                Set<String> runningNow = observed.stream().filter(RunningProcess::isRunning)
                        .map(RunningProcess::slot).collect(Collectors.toSet());
                Set<String> before = seenRunning.getOrDefault(app, Set.of());
                List<RunningProcess> started = deploys.reconcile(serving, spec -> mayStart(app, spec, crashed, before));
                for (RunningProcess p : started) {
                    if (crashed.contains(p.slot()) || before.contains(p.slot())) {
                        restarts.restarted(app, p.slot());
                        LOG.infof("%s: restarted %s (v%d)", app, p.slot(), p.release());
                    }
                    runningNow.add(p.slot());
                }
                seenRunning.put(app, runningNow);
            } catch (EngineException e) {
                LOG.warnf("could not reconcile %s: %s", app, e.forOperators());
            } catch (RuntimeException e) {
                LOG.warnf("could not reconcile %s: %s", app, e.getMessage());
            }
        });
    }

    private boolean mayStart(String app, ProcessSpec spec, Set<String> crashed, Set<String> before) {
        String slot = spec.type() + "." + spec.index();
        boolean isRestart = crashed.contains(slot) || before.contains(slot);
        return !isRestart || restarts.mayRestart(app, slot);
    }
}
