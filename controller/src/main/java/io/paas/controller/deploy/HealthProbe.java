package io.paas.controller.deploy;

import io.paas.controller.scheduler.ProcessEnd;
import io.paas.controller.scheduler.RunningProcess;
import io.paas.controller.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Decides whether a new process is healthy: its port accepts connections (the engine's readiness,
 * which also notices a process that exited), then, for an HTTP check, GET path answers 2xx or 3xx
 * (with the check's content in the body when it names one).
 */
@ApplicationScoped
public class HealthProbe {
    private static final int MAX_BODY = 64 * 1024;
    private final Scheduler scheduler;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    public HealthProbe(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Null when healthy before the deadline, else why not (for users). A process that ends while
     * it is waited for is reported at once, with how it ended, not after the whole deadline.
     */
    public String awaitHealthy(RunningProcess process, HealthCheckSpec check, Duration deadline) {
        long end = System.nanoTime() + deadline.toNanos();
        if (!scheduler.awaitReady(process, deadline)) {
            String never = "did not accept connections on $PORT within " + deadline.toSeconds() + " s";
            return scheduler.ended(process).map(ProcessEnd::reason)
                    .orElse(System.nanoTime() < end ? "stopped before it accepted connections on $PORT" : never);
        }
        if (!check.isHttp() || process.endpoint() == null) {
            return null;
        }
        sleep(check.initialDelay());
        String last = "no answer";
        int tries = 0;
        while (System.nanoTime() < end) {
            last = get(process.endpoint(), check);
            tries++;
            if (last == null) {
                return null;
            }
            if (!scheduler.awaitReady(process, Duration.ofMillis(1))) {
                return scheduler.ended(process).map(ProcessEnd::reason).orElse("stopped")
                        + " while its health check GET " + check.path() + " failed (" + last + ")";
            }
            if (check.attempts() > 0 && tries >= check.attempts()) {
                return "health check GET " + check.path() + " failed " + tries + " attempt" + (tries == 1 ? "" : "s")
                        + " (last: " + last + ")";
            }
            sleep(check.interval());
        }
        return "health check GET " + check.path() + " did not pass within " + deadline.toSeconds() + " s (last: " + last + ")";
    }

    private String get(String endpoint, HealthCheckSpec check) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + endpoint + check.path()))
                    .timeout(check.timeout()).GET().build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            int status = response.statusCode();
            try (InputStream body = response.body()) {
                if (status < 200 || status >= 400) {
                    return "HTTP " + status;
                }
                if (check.content() != null && !contains(body, check.content())) {
                    return "HTTP " + status + " without \"" + check.content() + "\" in the first "
                            + MAX_BODY / 1024 + " KB of the body";
                }
                return null;
            }
        } catch (HttpTimeoutException e) {
            return "no answer within " + check.timeout().toSeconds() + " s";
        } catch (ConnectException e) {
            return "connection refused";
        } catch (java.io.IOException e) {
            // users read this: the exception's class name means nothing to them
            return e.getMessage() == null || e.getMessage().isBlank() ? "connection failed" : e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** Reads at most MAX_BODY bytes: an app answering an endless body must not hold the deploy. */
    private static boolean contains(InputStream body, String content) throws java.io.IOException {
        String text = new String(body.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
        return text.contains(content);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
