package io.paas.controller.deploy;

import io.paas.controller.apps.App;
import io.paas.controller.apps.AppService;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** After a controller restart, routers get the endpoints of the containers that kept running. */
public class StartupSync {
    private static final Logger LOG = Logger.getLogger(StartupSync.class);

    void onStart(@Observes StartupEvent event, AppService apps, DeployService deploys) {
        for (App app : apps.all()) {
            try {
                deploys.publishObserved(app.name);
            } catch (RuntimeException e) {
                LOG.warnf("could not observe %s at start: %s", app.name, e.getMessage());
            }
        }
    }
}
