package io.paas.controller.logs;

import io.paas.controller.scheduler.OutputLine;
import io.paas.controller.scheduler.Scheduler;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.Closeable;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Puts what the apps' processes print into their logs, from the engine, from the controller's start to its stop. */
@ApplicationScoped
public class OutputCollector {
    private static final Logger LOG = Logger.getLogger(OutputCollector.class);

    private final Scheduler scheduler;
    private final AppLogs logs;
    private Closeable following;

    public OutputCollector(Scheduler scheduler, AppLogs logs) {
        this.scheduler = scheduler;
        this.logs = logs;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            following = scheduler.followOutput(this::collect);
        } catch (RuntimeException e) {
            LOG.errorf("the apps' output is not collected: %s", e.getMessage());
        }
    }

    void onStop(@Observes ShutdownEvent event) throws IOException {
        if (following != null) {
            following.close();
        }
    }

    private void collect(List<OutputLine> batch) {
        Map<Long, List<LogLine>> byApp = batch.stream().collect(Collectors.groupingBy(OutputLine::appId,
                LinkedHashMap::new, Collectors.mapping(
                        line -> new LogLine(line.time(), LogSource.APP, line.process(), line.text()), Collectors.toList())));
        byApp.forEach(logs::record);
    }
}
