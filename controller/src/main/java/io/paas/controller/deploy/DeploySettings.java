package io.paas.controller.deploy;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;

/**
 * Timings of a roll-out, from config (paas.deploy.* properties, or PAAS_DEPLOY_* variables):
 * how long new processes get to become healthy, how long routers get to confirm a route switch,
 * how long in-flight requests get before old containers are signalled, and their stop grace.
 */
@ApplicationScoped
public class DeploySettings {
    private final Duration healthDeadline = seconds("paas.deploy.health-deadline", 60);
    private final Duration ackTimeout = seconds("paas.deploy.ack-timeout", 15);
    private final Duration drain = Duration.ofMillis(ConfigProvider.getConfig()
            .getOptionalValue("paas.deploy.drain-millis", Long.class).orElse(1000L));
    private final Duration stopGrace = seconds("paas.deploy.stop-grace", 10);
    private final Duration releasePhaseTimeout = seconds("paas.deploy.release-phase-timeout", 600);
    private final Duration reconcileInterval = seconds("paas.deploy.reconcile-interval", 2);

    public Duration healthDeadline() {
        return healthDeadline;
    }

    public Duration ackTimeout() {
        return ackTimeout;
    }

    public Duration drain() {
        return drain;
    }

    public Duration stopGrace() {
        return stopGrace;
    }

    public Duration releasePhaseTimeout() {
        return releasePhaseTimeout;
    }

    public Duration reconcileInterval() {
        return reconcileInterval;
    }

    private static Duration seconds(String property, long fallback) {
        return Duration.ofSeconds(ConfigProvider.getConfig().getOptionalValue(property, Long.class).orElse(fallback));
    }
}
