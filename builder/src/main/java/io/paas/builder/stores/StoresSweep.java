package io.paas.builder.stores;

import io.paas.builder.DaemonThreads;
import io.paas.client.ApiException;
import io.paas.client.ControllerClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Now and then, removes the stores of apps the controller no longer knows: a destroy normally
 * removes them at once (DELETE /internal/apps/{id}), but not while the builder was down.
 */
public class StoresSweep implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StoresSweep.class);

    private final AppStores stores;
    private final ControllerClient controller;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(new DaemonThreads("stores-sweep"));

    public StoresSweep(AppStores stores, ControllerClient controller) {
        this.stores = stores;
        this.controller = controller;
    }

    /** The first sweep after delay (the controller may still be starting), then one every period. */
    public StoresSweep start(Duration delay, Duration period) {
        timer.scheduleWithFixedDelay(this::sweep, delay.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** One sweep; a controller or registry that does not answer only delays it to the next. */
    public void sweep() {
        try {
            List<String> removed = stores.removeUnknown(controller::appIds);
            if (!removed.isEmpty()) {
                LOG.info("swept the stores of {} destroyed app(s): {}", removed.size(), removed);
            }
        } catch (ApiException | IOException e) {
            LOG.warn("stores sweep skipped: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
