package io.paas.builder.metrics;

import io.paas.builder.build.BuildFailure;
import io.paas.builder.build.BuildQueue;
import io.paas.builder.build.BuildRunner;
import io.paas.builder.git.AppReceivePackFactory;
import io.paas.builder.git.GitServer;
import io.paas.engine.RegistryClient;
import io.paas.builder.stores.AppStores;
import io.paas.builder.testkit.FakeController;
import io.paas.builder.testkit.GitClient;
import io.paas.client.ControllerClient;
import io.paas.client.prometheus.PrometheusSamples;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The builder's /metrics on its loopback admin port, after real pushes over smart HTTP: a build
 * that runs and one that waits show as running and queued, then as one succeeded and one failed.
 */
class MetricsPortTest {
    @TempDir
    Path tmp;

    private FakeController controller;
    private GitServer server;
    private MetricsPort admin;
    private GitClient git;
    private Path work;
    private final CountDownLatch firstBuilding = new CountDownLatch(1);
    private final CountDownLatch firstMayEnd = new CountDownLatch(1);

    @BeforeEach
    void start() throws Exception {
        controller = new FakeController();
        BuildRunner build = (request, out) -> {
            if (request.app().equals("slow")) {
                firstBuilding.countDown();
                try {
                    firstMayEnd.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new BuildFailure("interrupted");
                }
                out.line("-----> built " + request.app());
            } else {
                throw new BuildFailure("no buildpack detected " + request.app());
            }
        };
        BuilderMetrics metrics = new BuilderMetrics();
        BuildQueue queue = new BuildQueue(build, 1, metrics);
        AppStores stores = new AppStores(tmp.resolve("git"), tmp.resolve("cache"), tmp.resolve("builds"), tmp.resolve("images"),
                new RegistryClient("127.0.0.1:1"));
        server = new GitServer("127.0.0.1", 0, new ControllerClient(controller.url(), "service-secret"), queue, stores,
                "service-secret", AppReceivePackFactory.DEFAULT_MAX_PACK_BYTES, metrics).start();
        admin = MetricsPort.start(0, metrics, queue);
        git = new GitClient(tmp.resolve("home"));
        work = git.repoWith(tmp.resolve("work"), Map.of("index.html", "<h1>hi</h1>\n"));
    }

    @AfterEach
    void stop() throws Exception {
        firstMayEnd.countDown();
        admin.close();
        server.close();
        controller.close();
    }

    @Test
    void buildsRunningQueuedSucceededAndFailedAndPushesByTransport() throws Exception {
        Map<String, Double> idle = PrometheusSamples.parse(scrape());
        assertEquals(0, idle.get("paas_builder_builds_running"));
        assertEquals(0, idle.get("paas_builder_git_pushes_total{transport=\"http\"}"));

        CompletableFuture<GitClient.Result> slow = CompletableFuture.supplyAsync(() -> push("slow"));
        assertTrue(firstBuilding.await(30, TimeUnit.SECONDS), "the first build started");
        CompletableFuture<GitClient.Result> failing = CompletableFuture.supplyAsync(() -> push("failing"));
        Map<String, Double> busy = awaitSample("paas_builder_builds_queued", 1);
        assertEquals(1, busy.get("paas_builder_builds_running"), busy.toString());
        firstMayEnd.countDown();
        assertEquals(0, slow.get(60, TimeUnit.SECONDS).exitCode());
        assertNotEquals(0, failing.get(60, TimeUnit.SECONDS).exitCode());

        String text = scrape();
        Map<String, Double> after = PrometheusSamples.parse(text);
        assertEquals(1, after.get("paas_builder_builds_total{result=\"succeeded\"}"), text);
        assertEquals(1, after.get("paas_builder_builds_total{result=\"failed\"}"), text);
        assertEquals(2, after.get("paas_builder_git_pushes_total{transport=\"http\"}"), text);
        assertEquals(0, after.get("paas_builder_git_pushes_total{transport=\"ssh\"}"), text);
        assertEquals(2, after.get("paas_builder_build_duration_seconds_count"), text);
        assertEquals(0, after.get("paas_builder_builds_running"), text);
        assertEquals(0, after.get("paas_builder_builds_queued"), text);
        for (String name : new String[] {"paas_builder_jvm_memory_used_bytes{area=\"heap\"}",
                "paas_builder_jvm_threads", "paas_builder_process_uptime_seconds"}) {
            assertTrue(after.containsKey(name), name + " in\n" + text);
        }
        assertEquals(List.of(), PrometheusSamples.undeclared(text), "every sample has its HELP and TYPE");

        HttpResponse<String> response = get("/metrics");
        assertEquals("text/plain; version=0.0.4; charset=utf-8", response.headers().firstValue("content-type").orElse(""));
        assertEquals(404, get("/other").statusCode(), "the admin port serves /metrics only");
    }

    private GitClient.Result push(String app) {
        try {
            return git.run(work, line -> { }, "push", "http://alice:token-ok@127.0.0.1:" + server.port() + "/" + app + ".git",
                    "HEAD:main");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Double> awaitSample(String sample, double value) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            Map<String, Double> now = PrometheusSamples.parse(scrape());
            if (Double.valueOf(value).equals(now.get(sample)) || System.nanoTime() > until) {
                assertEquals(value, now.get(sample), now.toString());
                return now;
            }
            Thread.sleep(50);
        }
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = get("/metrics");
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.port() + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
