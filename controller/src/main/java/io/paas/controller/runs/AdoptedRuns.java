package io.paas.controller.runs;

import io.paas.controller.deploy.DesiredState;
import io.paas.controller.deploy.DesiredStateReader;
import io.paas.controller.logs.AppLogs;
import io.paas.controller.scheduler.OneOffProcess;
import io.paas.controller.scheduler.ProcessEnd;
import io.paas.controller.scheduler.RunningProcess;
import io.paas.controller.scheduler.Scheduler;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One-offs a previous controller started (paas run --detach, then a controller restart or upgrade):
 * the thread that followed each went with that controller, its container did not. At start each is
 * followed again, as {@link OneOffRuns} follows its own: its end said in the app's log, its container
 * removed, its time limit kept (counted from when it started), ps:stop still stopping it. A leftover
 * that ended meanwhile is said and removed at once. They hold no PAAS_RUN_LIMIT place.
 */
@ApplicationScoped
public class AdoptedRuns {
    private static final Logger LOG = Logger.getLogger(AdoptedRuns.class);
    private static final long CHECK_SECONDS = 2;

    private final Scheduler scheduler;
    private final DesiredStateReader reader;
    private final AppLogs logs;
    private final Duration timeout = RunLimits.fromConfig().timeout();
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "adopted-runs");
        t.setDaemon(true);
        return t;
    });

    public AdoptedRuns(Scheduler scheduler, DesiredStateReader reader, AppLogs logs) {
        this.scheduler = scheduler;
        this.reader = reader;
        this.logs = logs;
    }

    void onStart(@Observes StartupEvent event) {
        checks.execute(this::adopt);
    }

    void onStop(@Observes ShutdownEvent event) {
        checks.shutdownNow();
    }

    /**
     * Follows every one-off container of this platform to its end; answers how many it took. Run at
     * start, before any run of this controller's: called later, it would follow those twice.
     */
    public int adopt() {
        List<OneOffProcess> left;
        try {
            left = scheduler.oneOffs(null, OneOffRuns.TYPE);
        } catch (RuntimeException engineAway) {
            LOG.warnf("one-offs left by an earlier controller not looked for: %s", engineAway.getMessage());
            return 0;
        }
        for (OneOffProcess oneOff : left) {
            Followed followed = new Followed(oneOff.process(),
                    reader.serving(oneOff.process().app()).map(DesiredState::appId).orElse(null));
            followed.future = checks.scheduleWithFixedDelay(followed::check, 0, CHECK_SECONDS, TimeUnit.SECONDS);
            if (followed.done) {
                followed.future.cancel(false);
            }
        }
        if (!left.isEmpty()) {
            LOG.infof("following %d one-off process(es) an earlier controller started", left.size());
        }
        return left.size();
    }

    /** One adopted one-off; appId null: its app is gone, so nothing is said, the container is only removed. */
    private final class Followed {
        private final RunningProcess process;
        private final Long appId;
        private volatile ScheduledFuture<?> future;
        private volatile boolean done;

        Followed(RunningProcess process, Long appId) {
            this.process = process;
            this.appId = appId;
        }

        void check() {
            if (done) {
                return;
            }
            try {
                Optional<ProcessEnd> end = scheduler.ended(process);
                if (end.isPresent()) {
                    finish(RunEnd.exited(end.get().exitCode()));
                } else if (scheduler.oneOffs(process.app(), OneOffRuns.TYPE).stream()
                        .noneMatch(o -> o.process().containerId().equals(process.containerId()))) {
                    finish(RunEnd.exited(RunEnd.STOPPED_STATUS)); // ps:stop removed it between two checks
                } else if (process.startedAt() != null && Instant.now().isAfter(process.startedAt().plus(timeout))) {
                    finish(RunEnd.timedOut(timeout));
                }
            } catch (RuntimeException engineAway) {
                // checked again in a moment
                LOG.debugf("one-off %s of %s not checked: %s", process.slot(), process.app(), engineAway.getMessage());
            }
        }

        private void finish(String end) {
            scheduler.stop(process, Duration.ZERO);
            done = true;
            if (appId != null) {
                logs.platform(appId, process.slot(), end);
            }
            if (future != null) {
                future.cancel(false);
            }
        }
    }
}
