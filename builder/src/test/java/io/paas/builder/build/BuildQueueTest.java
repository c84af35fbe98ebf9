package io.paas.builder.build;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registry's garbage collection runs between builds: never beside one, and no build starts during it. */
class BuildQueueTest {
    private final List<String> events = new CopyOnWriteArrayList<>();

    @Test
    void workWhileIdleWaitsForTheRunningBuildAndHoldsBackTheNext() throws Exception {
        CountDownLatch buildMayEnd = new CountDownLatch(1);
        CountDownLatch workMayEnd = new CountDownLatch(1);
        BuildQueue queue = new BuildQueue((request, out) -> {
            events.add("build " + request.app() + " starts");
            try {
                if (request.app().equals("first")) {
                    buildMayEnd.await();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            events.add("build " + request.app() + " ends");
        }, 2);

        Thread first = build(queue, "first");
        awaitEvent("build first starts");
        Thread idle = new Thread(() -> {
            try {
                queue.whileIdle(() -> {
                    events.add("collection starts");
                    try {
                        workMayEnd.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    events.add("collection ends");
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        idle.start();
        Thread.sleep(300);
        assertEquals(List.of("build first starts"), events, "no collection beside a running build");
        buildMayEnd.countDown();
        awaitEvent("collection starts");
        Thread second = build(queue, "second");
        Thread.sleep(300);
        assertEquals(1, queue.queued(), "a push during the collection waits");
        assertEquals(0, queue.running());
        workMayEnd.countDown();
        for (Thread thread : List.of(first, idle, second)) {
            thread.join(10_000);
        }
        assertEquals(List.of("build first starts", "build first ends", "collection starts", "collection ends",
                "build second starts", "build second ends"), events);
    }

    private Thread build(BuildQueue queue, String app) {
        Thread thread = new Thread(() -> {
            try {
                queue.build(new BuildRequest(app, "id-" + app, "alice", null, null), line -> { });
            } catch (BuildFailure e) {
                events.add("failed " + e.getMessage());
            }
        });
        thread.start();
        return thread;
    }

    private void awaitEvent(String event) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!events.contains(event)) {
            assertTrue(System.nanoTime() < deadline, "never saw '" + event + "' in " + events);
            Thread.sleep(10);
        }
    }
}
