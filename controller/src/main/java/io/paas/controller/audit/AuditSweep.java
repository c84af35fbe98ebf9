package io.paas.controller.audit;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Once a day (and at start) removes the audit entries older than paas.audit.retention-days (default 365). */
@ApplicationScoped
public class AuditSweep {
    private static final Logger LOG = Logger.getLogger(AuditSweep.class);
    private final AuditTrail trail;
    private final int retentionDays;
    private ScheduledExecutorService timer;

    public AuditSweep(AuditTrail trail, @ConfigProperty(name = "paas.audit.retention-days", defaultValue = "365") int retentionDays) {
        this.trail = trail;
        this.retentionDays = retentionDays;
    }

    void start(@Observes StartupEvent event) {
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "audit-sweep");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::sweep, 1, Duration.ofDays(1).toMinutes(), TimeUnit.MINUTES);
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** Removes what is past the retention now; answers how many entries went. */
    public long sweep() {
        try {
            long removed = trail.forgetBefore(Instant.now().minus(Duration.ofDays(Math.max(1, retentionDays))));
            if (removed > 0) {
                LOG.infof("audit: removed %d entries older than %d days", removed, retentionDays);
            }
            return removed;
        } catch (RuntimeException e) {
            LOG.warnf("audit: the sweep failed, tried again tomorrow: %s", e.getMessage());
            return 0;
        }
    }
}
