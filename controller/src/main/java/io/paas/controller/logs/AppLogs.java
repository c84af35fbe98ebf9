package io.paas.controller.logs;

import io.paas.controller.platform.PlatformSettings;
import io.paas.controller.prometheus.ControllerMetrics;
import io.smallrye.mutiny.Multi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every app's log: its processes' output, the router's lines for its requests and the platform's
 * lines about it, kept on disk within bounds (paas.logs.max-lines and paas.logs.max-bytes per
 * app) and handed to those following it and to its {@link LogListener}s (drains). Keyed by the
 * app's id: a name used again starts empty.
 */
@ApplicationScoped
public class AppLogs {
    private static final int STRIPES = 64;

    private final LogStore store;
    private final LiveLogs live = new LiveLogs();
    private final Object[] stripes = new Object[STRIPES];
    private final Iterable<LogListener> listeners;
    private final ControllerMetrics metrics;

    @Inject
    public AppLogs(PlatformSettings settings, Instance<LogListener> listeners, ControllerMetrics metrics) {
        this(new LogStore(settings.dataDir().resolve("app-logs"),
                setting("paas.logs.max-lines", 10_000), setting("paas.logs.max-bytes", 4L * 1024 * 1024)), listeners,
                metrics);
    }

    AppLogs(LogStore store, Iterable<LogListener> listeners, ControllerMetrics metrics) {
        this.metrics = metrics;
        this.store = store;
        this.listeners = listeners;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /** Keeps the lines and hands them to the app's followers; one app's lines are kept in the order given. */
    public void record(long appId, List<LogLine> lines) {
        received(lines);
        synchronized (stripe(appId)) {
            if (store.append(appId, lines)) {
                metrics.logLinesStored(lines.size());
            } else {
                metrics.logLinesDropped(lines.size());
            }
            live.publish(appId, lines);
            for (LogListener listener : listeners) {
                listener.offer(appId, lines);
            }
        }
    }

    /** A line of the platform's about the app, or about one of its processes ("web.1"; null for none). */
    public void platform(long appId, String process, String text) {
        record(appId, List.of(new LogLine(Instant.now(), LogSource.PLATFORM, process, text)));
    }

    /** The routers' lines for the requests they served, each to its app's log. */
    public void recordRequests(List<ServedRequest> served) {
        Map<Long, List<LogLine>> byApp = new LinkedHashMap<>();
        for (ServedRequest request : served) {
            byApp.computeIfAbsent(request.appId(), id -> new ArrayList<>())
                    .add(new LogLine(request.time(), LogSource.ROUTER, null, request.text()));
        }
        byApp.forEach(this::record);
    }

    /** Router lines that reached no log (their app is gone, or they named none): received, and dropped. */
    public void dropRouterLines(int count) {
        if (count > 0) {
            metrics.logLinesReceived(LogSource.ROUTER, count);
            metrics.logLinesDropped(count);
        }
    }

    private void received(List<LogLine> lines) {
        LogSource source = null;
        int run = 0;
        for (LogLine line : lines) {
            if (line.source() != source && run > 0) {
                metrics.logLinesReceived(source, run);
                run = 0;
            }
            source = line.source();
            run++;
        }
        if (run > 0) {
            metrics.logLinesReceived(source, run);
        }
    }

    /** The last lines the query wants, ordered by time. */
    public List<LogLine> recent(long appId, LogQuery query) {
        List<LogLine> wanted = store.read(appId).stream().filter(query)
                .sorted(Comparator.comparing(LogLine::time)).toList();
        return wanted.subList(Math.max(0, wanted.size() - query.lines()), wanted.size());
    }

    /** The last lines the query wants, then every new one, until the reader goes away. */
    public Multi<LogLine> follow(long appId, LogQuery query) {
        synchronized (stripe(appId)) {
            return live.follow(appId, query, recent(appId, query));
        }
    }

    /** The app was destroyed: its log goes with it. */
    public void forget(long appId) {
        synchronized (stripe(appId)) {
            store.delete(appId);
        }
        for (LogListener listener : listeners) {
            listener.forget(appId);
        }
    }

    private Object stripe(long appId) {
        return stripes[(int) Math.floorMod(appId, (long) STRIPES)];
    }

    private static long setting(String property, long fallback) {
        return ConfigProvider.getConfig().getOptionalValue(property, Long.class).orElse(fallback);
    }
}
