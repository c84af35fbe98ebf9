package io.paas.controller.routes;

import io.paas.controller.apps.App;
import io.paas.controller.apps.AppService;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * At start, before routers connect: loads every app's domains, settings and certificates into the
 * route table, so that the first table a router gets already has them.
 */
public class RouteMetaStartup {
    private static final Logger LOG = Logger.getLogger(RouteMetaStartup.class);

    void onStart(@Observes StartupEvent event, AppService apps, RouteMetaPublisher publisher) {
        for (App app : apps.all()) {
            try {
                publisher.refresh(app.name);
            } catch (RuntimeException e) {
                LOG.warnf("could not load the domains, certificates and router settings of %s: %s", app.name, e.getMessage());
            }
        }
    }
}
