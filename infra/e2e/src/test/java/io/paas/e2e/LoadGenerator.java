package io.paas.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A bounded load on one app through the router, from 127.0.0.1: a few workers each sending
 * keep-alive requests with a short pause, until stopped or the time limit. Counts every answer
 * by status and every failed request, keeping the first few failures to explain them.
 */
final class LoadGenerator implements AutoCloseable {
    private static final int WORKERS = 4;
    private static final Duration PAUSE = Duration.ofMillis(10);

    private final HttpRequest request;
    private final Duration limit;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final AtomicLong errors = new AtomicLong();
    private final List<String> firstFailures = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    LoadGenerator(String app, String routerPort, Duration limit) {
        // The Host header names the app (jdk.httpclient.allowRestrictedHeaders=host, set in the pom).
        this.request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + routerPort + "/"))
                .header("Host", app + ".localhost:" + routerPort)
                .timeout(Duration.ofSeconds(30)).GET().build();
        this.limit = limit;
    }

    LoadGenerator start() {
        long deadline = System.nanoTime() + limit.toNanos();
        for (int i = 0; i < WORKERS; i++) {
            Thread thread = new Thread(() -> work(deadline), "load-" + i);
            threads.add(thread);
            thread.start();
        }
        return this;
    }

    private void work(long deadline) {
        while (running.get() && System.nanoTime() < deadline) {
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                statuses.computeIfAbsent(response.statusCode(), s -> new AtomicLong()).incrementAndGet();
                if (response.statusCode() >= 500) {
                    remember("HTTP " + response.statusCode() + ": " + response.body().strip());
                }
            } catch (IOException e) {
                errors.incrementAndGet();
                remember(e.toString());
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.sleep(PAUSE.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void remember(String failure) {
        synchronized (firstFailures) {
            boolean sameKind = firstFailures.stream().filter(f -> f.contains(failure.substring(0, Math.min(12, failure.length())))).count() >= 3;
            if (firstFailures.size() < 10 && !sameKind) {
                firstFailures.add(System.currentTimeMillis() % 100_000 + " " + failure);
            }
        }
    }

    long total() {
        return statuses.values().stream().mapToLong(AtomicLong::get).sum() + errors.get();
    }

    long failures() {
        return errors.get() + statuses.entrySet().stream().filter(e -> e.getKey() >= 500)
                .mapToLong(e -> e.getValue().get()).sum();
    }

    long errors() {
        return errors.get();
    }

    String report() {
        Map<Integer, Long> counts = new TreeMap<>();
        statuses.forEach((status, count) -> counts.put(status, count.get()));
        return total() + " requests: by status " + counts + ", connection errors " + errors.get()
                + (firstFailures.isEmpty() ? "" : ", first failures " + firstFailures);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread thread : threads) {
            thread.join(60_000);
        }
    }
}
