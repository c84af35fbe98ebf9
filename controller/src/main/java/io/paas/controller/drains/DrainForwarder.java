package io.paas.controller.drains;

import io.paas.controller.logs.AppLogs;
import io.paas.controller.logs.LogLine;
import io.paas.controller.logs.LogListener;
import io.paas.controller.prometheus.ControllerMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands every app's log lines to its drains' senders. offer runs inside AppLogs.record, so it only
 * reads a map and queues: no database, no network, no wait. The map is filled at start-up and kept
 * by DrainService as drains are added and removed; an app destroyed takes its senders along.
 */
@ApplicationScoped
public class DrainForwarder implements LogListener {
    private final Map<Long, List<DrainSender>> byApp = new ConcurrentHashMap<>();
    private final DrainSettings settings;
    private final AppLogs logs;
    private final ControllerMetrics metrics;

    @Inject
    public DrainForwarder(DrainSettings settings, AppLogs logs, ControllerMetrics metrics) {
        this.settings = settings;
        this.logs = logs;
        this.metrics = metrics;
    }

    @Override
    public void offer(long appId, List<LogLine> lines) {
        List<DrainSender> senders = byApp.get(appId);
        if (senders != null) {
            for (DrainSender sender : senders) {
                sender.offer(lines);
            }
        }
    }

    @Override
    public void forget(long appId) {
        List<DrainSender> senders = byApp.remove(appId);
        if (senders != null) {
            senders.forEach(DrainSender::stop);
        }
    }

    void start(DrainTarget target) {
        DrainTransport transport = target.url().kind() == DrainUrl.Kind.HTTPS
                ? new HttpsTransport(target, settings) : new SyslogTransport(target, settings);
        DrainSender sender = new DrainSender(target, transport, settings,
                text -> logs.platform(target.appId(), null, text), metrics);
        byApp.compute(target.appId(), (app, senders) -> {
            List<DrainSender> next = senders == null ? new ArrayList<>() : new ArrayList<>(senders);
            next.add(sender);
            return List.copyOf(next);
        });
        sender.start();
    }

    void stop(long appId, long drainId) {
        byApp.computeIfPresent(appId, (app, senders) -> {
            senders.stream().filter(s -> s.target().id() == drainId).forEach(DrainSender::stop);
            List<DrainSender> rest = senders.stream().filter(s -> s.target().id() != drainId).toList();
            return rest.isEmpty() ? null : rest;
        });
    }

    @PreDestroy
    void stopAll() {
        byApp.values().forEach(senders -> senders.forEach(DrainSender::stop));
        byApp.clear();
    }
}
