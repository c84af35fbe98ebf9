package io.paas.controller.routes;

import io.paas.client.Api;
import io.paas.controller.platform.PlatformSettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Routers apply tables in the order they arrive: changes made at once by several threads (deploys,
 * the reconciler's full pass) must reach them in generation order, or a router could go back to an
 * older table after a deploy saw it confirm the newer one.
 */
class RouteTableOrderTest {
    @Test
    void concurrentChangesArePublishedInGenerationOrder() throws Exception {
        RouteTable table = new RouteTable(new PlatformSettings(), new PlatformRoutes(new PlatformSettings()));
        List<Long> received = Collections.synchronizedList(new ArrayList<>());
        table.subscribe(routes -> received.add(routes.generation()));
        int threads = 4;
        int changes = 2000;
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String app = "app" + t;
            Thread worker = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < changes; i++) {
                    if (i % 2 == 0) {
                        table.put(app, List.of("127.0.0.1:" + (10000 + i)));
                    } else {
                        table.putAll(Map.of(app, List.of("127.0.0.1:" + (10000 + i))));
                    }
                }
            });
            worker.start();
            workers.add(worker);
        }
        go.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        assertEquals(threads * changes + 1, received.size(), "the first table and one per change");
        for (int i = 1; i < received.size(); i++) {
            if (received.get(i) < received.get(i - 1)) {
                fail("table " + i + " (generation " + received.get(i) + ") reached the subscriber after generation "
                        + received.get(i - 1));
            }
        }
    }
}
