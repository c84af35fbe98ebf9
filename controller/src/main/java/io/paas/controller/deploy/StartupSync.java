package io.paas.controller.deploy;

import io.paas.controller.apps.App;
import io.paas.controller.apps.AppService;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * After a controller (or platform) restart: bring every app back to its desired state. Containers
 * that kept running are kept (the plan only starts what is missing), and their routes are published.
 */
public class StartupSync {
    private static final Logger LOG = Logger.getLogger(StartupSync.class);

    void onStart(@Observes StartupEvent event, AppService apps, DeployService deploys) {
        Thread reconcile = new Thread(() -> {
            for (App app : apps.all()) {
                try {
                    deploys.deploy(app.name);
                } catch (RuntimeException e) {
                    LOG.warnf("could not bring %s back at start: %s", app.name, e.getMessage());
                }
            }
        }, "startup-reconcile");
        reconcile.setDaemon(true);
        reconcile.start();
    }
}
