package io.paas.controller.runs;

import io.paas.controller.apps.App;
import io.paas.controller.audit.AuditAction;
import io.paas.controller.audit.AuditTrail;
import io.paas.controller.deploy.DesiredState;
import io.paas.controller.deploy.DesiredStateReader;
import io.paas.controller.logs.AppLogs;
import io.paas.controller.problems.Problem;
import io.paas.controller.scheduler.OneOffResult;
import io.paas.controller.scheduler.ProcessSpec;
import io.paas.controller.scheduler.Scheduler;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * One-off processes of an app's serving release (paas run): each in a container of its own with
 * the release's config, named run.N as Heroku names them, its output in the app's log as
 * app[run.N], and its end said there as platform[run.N] with the exit status, which is how
 * `paas run` learns it. At most PAAS_RUN_LIMIT at once on the platform, each ended after
 * PAAS_RUN_TIMEOUT seconds; the container is removed when it ends.
 */
@ApplicationScoped
public class OneOffRuns {
    private static final Logger LOG = Logger.getLogger(OneOffRuns.class);
    /** The output file is read a few milliseconds after it is written: the end is said after it. */
    private static final long OUTPUT_SETTLE_MILLIS = 300;
    static final String TYPE = "run";

    private final Scheduler scheduler;
    private final DesiredStateReader reader;
    private final AppLogs logs;
    private final Duration timeout = Duration.ofSeconds(setting("paas.run.timeout", 3600));
    private final ThreadPoolExecutor running;
    private final SecureRandom random = new SecureRandom();

    private final AuditTrail audit;

    public OneOffRuns(Scheduler scheduler, DesiredStateReader reader, AppLogs logs, AuditTrail audit) {
        this.audit = audit;
        this.scheduler = scheduler;
        this.reader = reader;
        this.logs = logs;
        int limit = (int) setting("paas.run.limit", 10);
        this.running = new ThreadPoolExecutor(limit, limit, 60, java.util.concurrent.TimeUnit.SECONDS,
                new java.util.concurrent.SynchronousQueue<>(), r -> {
                    Thread t = new Thread(r, "one-off-run");
                    t.setDaemon(true);
                    return t;
                });
    }

    void onStop(@Observes ShutdownEvent event) {
        running.shutdownNow();
    }

    /** Starts the command; answers the process's name (run.N) at once. */
    public String start(App app, String command, String user) {
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
        String process = TYPE + "." + index;
        audit.record(AuditAction.RUN, app.id, app.name, process + ": " + command);
        try {
            running.execute(() -> run(app.id, process, spec, user));
        } catch (RejectedExecutionException full) {
            throw new Problem(Problem.Kind.UNAVAILABLE, "the platform runs " + running.getMaximumPoolSize()
                    + " one-off processes already (PAAS_RUN_LIMIT): try again when one ended");
        }
        return process;
    }

    /** One-off processes running now. */
    public int running() {
        return running.getActiveCount();
    }

    private void run(long appId, String process, ProcessSpec spec, String user) {
        logs.platform(appId, process, "Starting process with command `" + spec.command() + "` by " + user);
        String end;
        try {
            OneOffResult result = scheduler.runOnce(spec, timeout);
            end = result.timedOut() ? "Process timed out after " + timeout.toSeconds() + " s and was stopped (status "
                    + result.exitCode() + ")" : "Process exited with status " + result.exitCode();
        } catch (RuntimeException e) {
            LOG.warnf("one-off %s of app %d failed: %s", process, appId, e.getMessage());
            end = "Process could not run: " + e.getMessage() + " (status 255)";
        }
        sleep();
        logs.platform(appId, process, end);
    }

    private static void sleep() {
        try {
            Thread.sleep(OUTPUT_SETTLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long setting(String property, long fallback) {
        return ConfigProvider.getConfig().getOptionalValue(property, Long.class).orElse(fallback);
    }
}
