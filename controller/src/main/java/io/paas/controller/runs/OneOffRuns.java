package io.paas.controller.runs;

import io.paas.controller.apps.App;
import io.paas.controller.audit.AuditAction;
import io.paas.controller.audit.AuditTrail;
import io.paas.controller.deploy.DesiredState;
import io.paas.controller.deploy.DesiredStateReader;
import io.paas.controller.logs.AppLogs;
import io.paas.controller.problems.Problem;
import io.paas.controller.scheduler.OneOffProcess;
import io.paas.controller.scheduler.OneOffResult;
import io.paas.controller.scheduler.ProcessSpec;
import io.paas.controller.scheduler.Scheduler;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * One-off processes of an app's serving release (paas run): each in a container of its own with
 * the release's config, named run.N as Heroku names them, its output in the app's log as
 * app[run.N], and its end said there as platform[run.N] with the exit status, which is how
 * `paas run` learns it. Each runs within {@link RunLimits} (memory, CPU, time, how many at once);
 * the container is removed when it ends. While it runs, `paas ps` lists it and `paas ps:stop run.N`
 * stops it. Its container is the engine's only record of it, so ps and stop see the same thing.
 */
@ApplicationScoped
public class OneOffRuns {
    private static final Logger LOG = Logger.getLogger(OneOffRuns.class);
    /** The output file is read a few milliseconds after it is written: the end is said after it. */
    private static final long OUTPUT_SETTLE_MILLIS = 300;
    /** SIGTERM, then SIGKILL after this: a one-off has no traffic to drain. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    /** How long ps:stop waits for the container of a run that is still being started (image pull, create). */
    private static final Duration START_WAIT = Duration.ofSeconds(15);
    private static final long POLL_MILLIS = 100;
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*\\.\\d{1,9}");
    public static final String TYPE = "run";

    private final Scheduler scheduler;
    private final DesiredStateReader reader;
    private final AppLogs logs;
    private final AuditTrail audit;
    private final RunLimits limits;
    private final Semaphore places;
    /** Unbounded: the places bound how many run at once. */
    private final ExecutorService running = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "one-off-run");
        t.setDaemon(true);
        return t;
    });
    private final SecureRandom random = new SecureRandom();
    /** The runs prepared and not yet ended, by app id and name: ps:stop waits for their containers. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    public OneOffRuns(Scheduler scheduler, DesiredStateReader reader, AppLogs logs, AuditTrail audit) {
        this.scheduler = scheduler;
        this.reader = reader;
        this.logs = logs;
        this.audit = audit;
        this.limits = RunLimits.fromConfig();
        this.places = new Semaphore(limits.atOnce());
    }

    /** Made at start, so that a wrong PAAS_RUN_* setting stops the controller with its reason. */
    void onStart(@Observes StartupEvent event) {
        LOG.debugf("one-off limits: %s", limits);
    }

    void onStop(@Observes ShutdownEvent event) {
        running.shutdownNow();
    }

    /**
     * A one-off ready to run: its name (run.N), its spec (the serving release's image and config,
     * within the platform's memory and CPU limits) and how long it may run. It holds one of the
     * PAAS_RUN_LIMIT places until closed: close it once the process ended (closing twice is fine).
     */
    public final class Prepared implements AutoCloseable {
        private final String process;
        private final ProcessSpec spec;
        private final String key;
        private final AtomicBoolean held = new AtomicBoolean(true);

        private Prepared(long appId, String process, ProcessSpec spec) {
            this.process = process;
            this.spec = spec;
            this.key = key(appId, process);
            inFlight.add(key);
        }

        public String process() {
            return process;
        }

        public ProcessSpec spec() {
            return spec;
        }

        public Duration timeout() {
            return limits.timeout();
        }

        @Override
        public void close() {
            if (held.compareAndSet(true, false)) {
                inFlight.remove(key);
                places.release();
            }
        }
    }

    /**
     * Checks the command and takes a place among PAAS_RUN_LIMIT (503 when none is free), builds the
     * one-off's spec within {@link RunLimits}, and records the run in the app's audit trail (as user
     * when no request says who calls). Every kind of run (detached here, attached over a WebSocket)
     * starts here, so all get the same limits.
     */
    public Prepared prepare(App app, String command, String user) {
        if (command == null || command.isBlank()) {
            throw Problem.invalid("command is required: paas run CMD");
        }
        if (command.length() > 4096) {
            throw Problem.invalid("command must be at most 4096 characters");
        }
        DesiredState serving = reader.serving(app.name)
                .orElseThrow(() -> Problem.notFound("no app named " + app.name));
        int index = 1000 + random.nextInt(9000);
        ProcessSpec spec = serving.oneOff(TYPE, index, command);
        if (spec == null) {
            throw Problem.unprocessable(app.name + " has no release to run: push code first");
        }
        if (!places.tryAcquire()) {
            throw new Problem(Problem.Kind.UNAVAILABLE, "the platform runs " + limits.atOnce()
                    + " one-off processes already (PAAS_RUN_LIMIT): try again when one ended");
        }
        Prepared prepared = new Prepared(app.id, TYPE + "." + index, limits.apply(spec, serving.limits()));
        try {
            // the request's caller where there is one; user otherwise (a WebSocket's later frames)
            audit.recordAs(audit.caller(user), AuditAction.RUN, app.id, app.name, prepared.process() + ": " + command);
        } catch (RuntimeException e) {
            prepared.close();
            throw e;
        }
        return prepared;
    }

    /** One-off processes holding a place now, attached and detached (adopted ones hold none). */
    public int running() {
        return limits.atOnce() - places.availablePermits();
    }

    /** Starts the command in the background; answers the process's name (run.N) at once. */
    public String start(App app, String command, String user) {
        Prepared prepared = prepare(app, command, user);
        try {
            running.execute(() -> run(app.id, prepared, user));
        } catch (RuntimeException notStarted) {
            prepared.close();
            throw notStarted;
        }
        return prepared.process();
    }

    private void run(long appId, Prepared prepared, String user) {
        try (prepared) {
            String process = prepared.process();
            logs.platform(appId, process, "Starting process with command `" + prepared.spec().command() + "` by " + user);
            String end;
            try {
                OneOffResult result = scheduler.runOnce(prepared.spec(), prepared.timeout());
                end = result.timedOut() ? RunEnd.timedOut(prepared.timeout())
                        : result.exitCode() < 0 ? "Process could not be followed: the engine did not say its status (status 255)"
                        : RunEnd.exited(result.exitCode());
            } catch (RuntimeException e) {
                LOG.warnf("one-off %s of app %d failed: %s", process, appId, e.getMessage());
                end = RunEnd.couldNotRun(e.getMessage());
            }
            sleep();
            logs.platform(appId, process, end);
        }
    }

    /** The app's one-off processes the engine holds now (run.N), for ps. */
    public List<OneOffProcess> processes(App app) {
        return scheduler.oneOffs(app.name, TYPE);
    }

    /**
     * Stops a one-off (paas ps:stop run.N): SIGTERM, SIGKILL after a few seconds, container removed;
     * its end comes in the log as for any end (Process exited with status 143). Formation processes
     * are not stopped here: the formation would start them again.
     */
    public void stop(App app, String process, String user) {
        if (process == null || !NAME.matcher(process).matches()) {
            throw Problem.invalid("give a process as TYPE.N, e.g. run.1234 (paas ps lists them)");
        }
        if (!process.startsWith(TYPE + ".")) {
            String type = process.substring(0, process.indexOf('.'));
            throw Problem.unprocessable(process + " is one of " + app.name + "'s " + type
                    + " processes, which the formation keeps running: paas ps:restart " + type
                    + " replaces them, paas scale " + type + "=N changes how many run");
        }
        OneOffProcess found = running(app, process)
                .orElseThrow(() -> Problem.notFound("no process " + process + " runs on " + app.name + " (paas ps lists them)"));
        audit.record(AuditAction.RUN_STOP, app.id, app.name, process);
        logs.platform(app.id, process, "Stopping process: stopped by " + user + " (paas ps:stop)");
        scheduler.stop(found.process(), STOP_GRACE);
    }

    /**
     * The one-off's running container; for a run started a moment ago (paas run --detach, then
     * ps:stop at once) whose container is still being made, once it runs.
     */
    private Optional<OneOffProcess> running(App app, String process) {
        long deadline = System.nanoTime() + START_WAIT.toNanos();
        while (true) {
            Optional<OneOffProcess> found = processes(app).stream()
                    .filter(p -> p.process().slot().equals(process) && p.process().isRunning()).findFirst();
            if (found.isPresent() || !inFlight.contains(key(app.id, process)) || System.nanoTime() > deadline) {
                return found;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return found;
            }
        }
    }

    private static String key(long appId, String process) {
        return appId + "/" + process;
    }

    private static void sleep() {
        try {
            Thread.sleep(OUTPUT_SETTLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
