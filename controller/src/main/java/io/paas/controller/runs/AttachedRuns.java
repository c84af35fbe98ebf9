package io.paas.controller.runs;

import io.paas.client.Api;
import io.paas.controller.apps.App;
import io.paas.controller.logs.AppLogs;
import io.paas.controller.problems.Problem;
import io.paas.controller.scheduler.ProcessSpec;
import io.paas.controller.scheduler.Scheduler;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.http.ServerWebSocket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Attached one-off processes (paas run in a terminal or a pipe). Starting one is two steps: the API
 * call checks the caller, the app and the command, and answers a ticket (a WebSocket path good for
 * one connection, for 30 s); the caller's WebSocket to it then starts the process and carries its
 * streams ({@link RunSession}). The ticket is the authority of the second step, so the socket needs
 * no second login. {@link OneOffRuns#prepare} checks and sizes them as it does detached runs: the
 * same places (PAAS_RUN_LIMIT), memory and CPU, and time limit (PAAS_RUN_TIMEOUT).
 */
@ApplicationScoped
public class AttachedRuns {
    static final Duration TICKET_LIFE = Duration.ofSeconds(30);
    public static final String ATTACH_PATH = "/v2/runs/";

    /** What the API call checked, waiting for its caller's connection; place: its PAAS_RUN_LIMIT place, closed at its end. */
    public record Ticket(long appId, String appName, String process, ProcessSpec spec, String user, boolean tty, int rows,
                  int columns, Instant expires, OneOffRuns.Prepared place) {
    }

    private final Scheduler scheduler;
    private final AppLogs logs;
    private final OneOffRuns runs;
    private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "run-time-limits");
        t.setDaemon(true);
        return t;
    });

    public AttachedRuns(Scheduler scheduler, AppLogs logs, OneOffRuns runs) {
        this.scheduler = scheduler;
        this.logs = logs;
        this.runs = runs;
    }

    void onStop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
    }

    /** Checks the run and answers where its caller attaches; nothing runs until then. */
    public Api.Run prepare(App app, Api.NewRun request, String user) {
        boolean tty = Boolean.TRUE.equals(request.tty());
        int rows = size(request.rows(), "rows");
        int columns = size(request.columns(), "columns");
        tickets.values().removeIf(t -> t.expires().isBefore(Instant.now()) && release(t));
        OneOffRuns.Prepared prepared = runs.prepare(app, request.command(), user);
        byte[] secret = new byte[24];
        random.nextBytes(secret);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        tickets.put(key, new Ticket(app.id, app.name, prepared.process(), prepared.spec(), user, tty, rows, columns,
                Instant.now().plus(TICKET_LIFE), prepared));
        return new Api.Run(prepared.process(), ATTACH_PATH + key + "/attach");
    }

    /** The ticket of a path's key, once: a second connection with it finds nothing. */
    public Optional<Ticket> claim(String key) {
        Ticket ticket = key == null ? null : tickets.remove(key);
        if (ticket == null) {
            return Optional.empty();
        }
        if (ticket.expires().isBefore(Instant.now())) {
            release(ticket);
            return Optional.empty();
        }
        return Optional.of(ticket);
    }

    /** Runs the ticket's process with its streams on the socket. */
    public void serve(Ticket ticket, ServerWebSocket socket) {
        new RunSession(ticket, socket, scheduler, logs, ticket.place().timeout(), timer, ticket.place()::close).start();
    }

    private static boolean release(Ticket ticket) {
        ticket.place().close();
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
}
