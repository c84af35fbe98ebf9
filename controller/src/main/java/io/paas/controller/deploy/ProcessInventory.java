package io.paas.controller.deploy;

import io.paas.controller.scheduler.ProcessEvent;
import io.paas.controller.scheduler.ProcessUsage;
import io.paas.controller.scheduler.RunningProcess;
import io.paas.controller.scheduler.Scheduler;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What runs, as the reconciler last learned it: the full list, then each event's container. Users'
 * reads (ps, app info) come from here, so that they cost no engine call however many containers
 * the engine holds; while the engine's event stream is broken the inventory may be behind, and
 * reads go to the engine (which, if it is down, says so). Deploys never plan from here: they ask
 * the engine, which is exact.
 */
@ApplicationScoped
public class ProcessInventory {
    /** process null: removed at that time, so that a list taken before cannot bring it back. */
    private record Entry(RunningProcess process, long at) {
    }

    private final Scheduler scheduler;
    private final Map<String, Entry> byContainer = new HashMap<>();
    private volatile boolean following;

    public ProcessInventory(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /** What the running ones of these processes use now, by container id (a quarter second to measure CPU). */
    public Map<String, ProcessUsage> usage(List<RunningProcess> processes) {
        return scheduler.usage(processes);
    }

    /** Every app's running containers. */
    public List<RunningProcess> allRunning() {
        List<RunningProcess> running = new ArrayList<>();
        if (following) {
            synchronized (this) {
                byContainer.values().stream().map(e -> e.process).filter(p -> p != null && p.isRunning()).forEach(running::add);
            }
        } else {
            scheduler.observeAll().stream().filter(RunningProcess::isRunning).forEach(running::add);
        }
        return running;
    }

    /** The app's containers, running or not, in name order. */
    public List<RunningProcess> processes(String app) {
        List<RunningProcess> processes = following ? known(app) : new ArrayList<>(scheduler.observe(app));
        processes.sort(Comparator.comparing(RunningProcess::name));
        return processes;
    }

    private synchronized List<RunningProcess> known(String app) {
        List<RunningProcess> processes = new ArrayList<>();
        for (Entry entry : byContainer.values()) {
            if (entry.process != null && app.equals(entry.process.app())) {
                processes.add(entry.process);
            }
        }
        return processes;
    }

    /**
     * Everything the engine listed, starting at listedAt (System.nanoTime()); what an event told
     * after that moment is newer than the list and is kept. streaming: whether the engine's events
     * are followed, which alone keeps the inventory current until the next list.
     */
    synchronized void replaceAll(List<RunningProcess> listed, long listedAt, boolean streaming) {
        Map<String, Entry> next = new HashMap<>();
        byContainer.forEach((id, entry) -> {
            if (entry.at - listedAt > 0) {
                next.put(id, entry);
            }
        });
        for (RunningProcess process : listed) {
            next.putIfAbsent(process.containerId(), new Entry(process, listedAt));
        }
        byContainer.clear();
        byContainer.putAll(next);
        following = streaming;
    }

    /** A container an event told about, as the engine described it right after. */
    synchronized void update(ProcessEvent event, long at) {
        if (event.gone()) {
            byContainer.put(event.containerId(), new Entry(null, at));
        } else if (event.now() != null) {
            byContainer.put(event.containerId(), new Entry(event.now(), at));
        }
    }

    /**
     * A container a deploy just started or stopped (stopped: null): so that a user's read right
     * after the change shows it, whenever the engine's event about it arrives.
     */
    synchronized void wrote(String containerId, RunningProcess process) {
        byContainer.put(containerId, new Entry(process, System.nanoTime()));
    }

    /** The event stream broke: until the next full list, reads go to the engine. */
    void lost() {
        following = false;
    }
}
