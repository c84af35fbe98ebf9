package io.paas.controller.metrics;

import io.paas.controller.deploy.ProcessInventory;
import io.paas.controller.logs.ServedRequest;
import io.paas.controller.scheduler.ProcessUsage;
import io.paas.controller.scheduler.RunningProcess;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.hibernate.Session;
import org.jboss.logging.Logger;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Per-minute series of each app, kept 24 hours in the database: requests by status class and
 * latency p50/p99 from the routers' lines, and each running process's memory and CPU, read from
 * the engine once a minute (one call for every container). Only the current minutes live in
 * memory, and only for apps that had requests in them.
 */
@ApplicationScoped
public class AppMetrics {
    private static final Logger LOG = Logger.getLogger(AppMetrics.class);
    static final Duration KEPT = Duration.ofHours(24);

    private final EntityManager db;
    private final ProcessInventory inventory;
    /** (app id, minute) -> its requests so far. */
    private final Map<Key, MinuteStats> open = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "app-metrics");
        t.setDaemon(true);
        return t;
    });

    public AppMetrics(EntityManager db, ProcessInventory inventory) {
        this.db = db;
        this.inventory = inventory;
    }

    record Key(long appId, Instant minute) {
    }

    void onStart(@Observes StartupEvent event) {
        timer.scheduleAtFixedRate(this::everyTenSeconds, 10, 10, TimeUnit.SECONDS);
        timer.scheduleAtFixedRate(this::everyMinute, 60, 60, TimeUnit.SECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
    }

    /** The routers' requests, each counted for the app it names (a name no app has counts nowhere). */
    public void requests(List<ServedRequest> served) {
        for (ServedRequest request : served) {
            if (request.status() != null) {
                request(request.appId(), request.time(), request.status(), request.millis());
            }
        }
    }

    /** One request the routers served to the app. */
    public void request(long appId, Instant at, int status, long millis) {
        open.computeIfAbsent(new Key(appId, at.truncatedTo(ChronoUnit.MINUTES)), k -> new MinuteStats()).add(status, millis);
    }

    private void everyTenSeconds() {
        try {
            flushEndedMinutes(Instant.now());
        } catch (RuntimeException e) {
            LOG.warnf("cannot store the apps' request figures: %s", e.getMessage());
        }
    }

    private void everyMinute() {
        try {
            sampleProcesses();
            prune(Instant.now().minus(KEPT));
        } catch (RuntimeException e) {
            LOG.warnf("cannot store the apps' process figures: %s", e.getMessage());
        }
    }

    /** Stores every minute that ended before now (a router's lines come within a second or so). */
    @Transactional
    public void flushEndedMinutes(Instant now) {
        Instant current = now.minusSeconds(5).truncatedTo(ChronoUnit.MINUTES);
        for (Key key : new ArrayList<>(open.keySet())) {
            if (!key.minute().isBefore(current)) {
                continue;
            }
            MinuteStats stats = open.remove(key);
            if (stats == null || stats.count() == 0) {
                continue;
            }
            int[] c = stats.classes();
            db.createNativeQuery("INSERT INTO app_metrics (app_id, minute, requests_1xx, requests_2xx, requests_3xx,"
                            + " requests_4xx, requests_5xx, p50_ms, p99_ms)"
                            + " SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9 WHERE EXISTS (SELECT 1 FROM apps WHERE id = ?1)"
                            + " ON CONFLICT (app_id, minute) DO UPDATE SET requests_1xx = app_metrics.requests_1xx + EXCLUDED.requests_1xx,"
                            + " requests_2xx = app_metrics.requests_2xx + EXCLUDED.requests_2xx,"
                            + " requests_3xx = app_metrics.requests_3xx + EXCLUDED.requests_3xx,"
                            + " requests_4xx = app_metrics.requests_4xx + EXCLUDED.requests_4xx,"
                            + " requests_5xx = app_metrics.requests_5xx + EXCLUDED.requests_5xx,"
                            + " p50_ms = GREATEST(app_metrics.p50_ms, EXCLUDED.p50_ms),"
                            + " p99_ms = GREATEST(app_metrics.p99_ms, EXCLUDED.p99_ms)")
                    .setParameter(1, key.appId()).setParameter(2, Timestamp.from(key.minute()))
                    .setParameter(3, c[0]).setParameter(4, c[1]).setParameter(5, c[2]).setParameter(6, c[3])
                    .setParameter(7, c[4]).setParameter(8, stats.percentile(0.5)).setParameter(9, stats.percentile(0.99))
                    .executeUpdate();
        }
    }

    /** Every running process's memory and CPU now, stored under the current minute. */
    public void sampleProcesses() {
        List<RunningProcess> running = inventory.allRunning();
        if (running.isEmpty()) {
            return;
        }
        Map<String, ProcessUsage> usage = inventory.usage(running);
        storeProcesses(Instant.now().truncatedTo(ChronoUnit.MINUTES), running, usage);
    }

    @Transactional
    @SuppressWarnings("unchecked")
    public void storeProcesses(Instant minute, List<RunningProcess> running, Map<String, ProcessUsage> usage) {
        Map<String, Long> ids = new java.util.HashMap<>();
        for (Object[] row : (List<Object[]>) db.createNativeQuery("SELECT name, id FROM apps").getResultList()) {
            ids.put((String) row[0], ((Number) row[1]).longValue());
        }
        // one batch for every process: hundreds of apps make hundreds of rows a minute
        db.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO process_metrics (app_id, minute, process, memory_bytes, cpu_percent)"
                            + " SELECT ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM apps WHERE id = ?)"
                            + " ON CONFLICT (app_id, minute, process) DO UPDATE SET memory_bytes = EXCLUDED.memory_bytes,"
                            + " cpu_percent = EXCLUDED.cpu_percent")) {
                int rows = 0;
                for (RunningProcess p : running) {
                    ProcessUsage u = usage.get(p.containerId());
                    Long appId = ids.get(p.app());
                    if (u == null || appId == null) {
                        continue;
                    }
                    insert.setLong(1, appId);
                    insert.setTimestamp(2, Timestamp.from(minute));
                    insert.setString(3, p.slot());
                    insert.setLong(4, u.memoryBytes());
                    insert.setFloat(5, (float) u.cpuPercent());
                    insert.setLong(6, appId);
                    insert.addBatch();
                    rows++;
                }
                if (rows > 0) {
                    insert.executeBatch();
                }
            }
        });
    }

    @Transactional
    public void prune(Instant before) {
        db.createNativeQuery("DELETE FROM app_metrics WHERE minute < ?1").setParameter(1, Timestamp.from(before)).executeUpdate();
        db.createNativeQuery("DELETE FROM process_metrics WHERE minute < ?1").setParameter(1, Timestamp.from(before)).executeUpdate();
    }

    /** The app's request figures of the last minutes, oldest first. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Object[]> requests(long appId, Instant since) {
        return db.createNativeQuery("SELECT minute, requests_1xx, requests_2xx, requests_3xx, requests_4xx, requests_5xx,"
                        + " p50_ms, p99_ms FROM app_metrics WHERE app_id = ?1 AND minute >= ?2 ORDER BY minute")
                .setParameter(1, appId).setParameter(2, Timestamp.from(since)).getResultList();
    }

    /** The app's processes' figures of the last minutes, oldest first. */
    @Transactional
    @SuppressWarnings("unchecked")
    public List<Object[]> processes(long appId, Instant since) {
        return db.createNativeQuery("SELECT minute, process, memory_bytes, cpu_percent FROM process_metrics"
                        + " WHERE app_id = ?1 AND minute >= ?2 ORDER BY minute, process")
                .setParameter(1, appId).setParameter(2, Timestamp.from(since)).getResultList();
    }
}
