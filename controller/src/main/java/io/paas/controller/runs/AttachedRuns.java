package io.paas.controller.runs;

import io.paas.client.Api;
import io.paas.controller.apps.App;
import io.paas.controller.audit.AuditAction;
import io.paas.controller.audit.AuditTrail;
import io.paas.controller.deploy.DesiredState;
import io.paas.controller.deploy.DesiredStateReader;
import io.paas.controller.logs.AppLogs;
import io.paas.controller.problems.Problem;
import io.paas.controller.scheduler.ProcessSpec;
import io.paas.controller.scheduler.Scheduler;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.http.ServerWebSocket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.ConfigProvider;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;

/**
 * Attached one-off processes (paas run in a terminal or a pipe). Starting one is two steps: the API
 * call checks the caller, the app and the command, and answers a ticket (a WebSocket path good for
 * one connection, for 30 s); the caller's WebSocket to it then starts the process and carries its
 * streams ({@link RunSession}). The ticket is the authority of the second step, so the socket needs
 * no second login. They count against the same limit as detached runs' (PAAS_RUN_LIMIT) and end at
 * the same time limit (PAAS_RUN_TIMEOUT).
 */
@ApplicationScoped
public class AttachedRuns {
    static final Duration TICKET_LIFE = Duration.ofSeconds(30);
    public static final String ATTACH_PATH = "/v2/runs/";

    /** What the API call checked, waiting for its caller's connection. */
    public record Ticket(long appId, String appName, String process, ProcessSpec spec, String user, boolean tty, int rows,
                  int columns, Instant expires) {
    }

    private final Scheduler scheduler;
    private final DesiredStateReader reader;
    private final AppLogs logs;
    private final AuditTrail audit;
    private final Duration timeout = Duration.ofSeconds(setting("paas.run.timeout", 3600));
    private final int limit = (int) setting("paas.run.limit", 10);
    private final Semaphore slots = new Semaphore(limit);
    private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "run-time-limits");
        t.setDaemon(true);
        return t;
    });

    public AttachedRuns(Scheduler scheduler, DesiredStateReader reader, AppLogs logs, AuditTrail audit) {
        this.scheduler = scheduler;
        this.reader = reader;
        this.logs = logs;
        this.audit = audit;
    }

    void onStop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
    }

    /** Checks the run and answers where its caller attaches; nothing runs until then. */
    public Api.Run prepare(App app, Api.NewRun request, String user) {
        String command = request.command();
        if (command == null || command.isBlank()) {
            throw Problem.invalid("command is required: paas run CMD");
        }
        if (command.length() > 4096) {
            throw Problem.invalid("command must be at most 4096 characters");
        }
        boolean tty = Boolean.TRUE.equals(request.tty());
        int rows = size(request.rows(), "rows");
        int columns = size(request.columns(), "columns");
        DesiredState serving = reader.serving(app.name).orElseThrow(() -> Problem.notFound("no app named " + app.name));
        int index = 1000 + random.nextInt(9000);
        ProcessSpec spec = serving.oneOff(OneOffRuns.TYPE, index, command);
        if (spec == null) {
            throw Problem.unprocessable(app.name + " has no release to run: push code first");
        }
        if (!slots.tryAcquire()) {
            throw new Problem(Problem.Kind.UNAVAILABLE, "the platform runs " + limit
                    + " attached one-off processes already (PAAS_RUN_LIMIT): try again when one ended");
        }
        String process = OneOffRuns.TYPE + "." + index;
        tickets.values().removeIf(t -> t.expires().isBefore(Instant.now()) && release());
        byte[] secret = new byte[24];
        random.nextBytes(secret);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        tickets.put(key, new Ticket(app.id, app.name, process, spec, user, tty, rows, columns,
                Instant.now().plus(TICKET_LIFE)));
        audit.record(AuditAction.RUN, app.id, app.name, process + ": " + command);
        return new Api.Run(process, ATTACH_PATH + key + "/attach");
    }

    /** The ticket of a path's key, once: a second connection with it finds nothing. */
    public Optional<Ticket> claim(String key) {
        Ticket ticket = key == null ? null : tickets.remove(key);
        if (ticket == null) {
            return Optional.empty();
        }
        if (ticket.expires().isBefore(Instant.now())) {
            release();
            return Optional.empty();
        }
        return Optional.of(ticket);
    }

    /** Runs the ticket's process with its streams on the socket. */
    public void serve(Ticket ticket, ServerWebSocket socket) {
        new RunSession(ticket, socket, scheduler, logs, timeout, timer, slots::release).start();
    }

    private boolean release() {
        slots.release();
        return true;
    }

    private static int size(Integer value, String name) {
        if (value == null) {
            return 0;
        }
        if (value < 0 || value > 10_000) {
            throw Problem.invalid(name + " must be between 0 and 10000");
        }
        return value;
    }

    private static long setting(String property, long fallback) {
        return ConfigProvider.getConfig().getOptionalValue(property, Long.class).orElse(fallback);
    }
}
