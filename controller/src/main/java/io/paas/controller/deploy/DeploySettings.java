package io.paas.controller.deploy;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;

/**
 * Timings of a roll-out, from config (paas.deploy.* properties, or PAAS_DEPLOY_* variables):
 * how long new processes get to become healthy, how long routers get to confirm a route switch,
 * how long in-flight requests get before old containers are signalled, their stop grace, and how
 * often the reconciler re-lists everything.
 */
@ApplicationScoped
public class DeploySettings {
    private final Duration healthDeadline = seconds("paas.deploy.health-deadline", 60);
    private final Duration ackTimeout = seconds("paas.deploy.ack-timeout", 15);
    private final Duration drain = Duration.ofMillis(ConfigProvider.getConfig()
            .getOptionalValue("paas.deploy.drain-millis", Long.class).orElse(1000L));
    private final Duration stopGrace = seconds("paas.deploy.stop-grace", 10);
    private final Duration releasePhaseTimeout = seconds("paas.deploy.release-phase-timeout", 600);
    private final Duration resyncInterval = seconds("paas.deploy.resync-interval", 300);

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

    /**
     * How often every app is compared with what the engine runs, besides the engine's events: the
     * safety net for an event the stream lost.
     */
    public Duration resyncInterval() {
        return resyncInterval;
    }

    private static Duration seconds(String property, long fallback) {
        return Duration.ofSeconds(ConfigProvider.getConfig().getOptionalValue(property, Long.class).orElse(fallback));
    }
}
