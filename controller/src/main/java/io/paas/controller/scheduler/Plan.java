package io.paas.controller.scheduler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What to do to bring the observed containers of one app to the desired state. Pure: it never
 * talks to an engine, so the controller can log, test and order the steps (start new, wait ready,
 * switch routes, then stop old) itself.
 *
 * @param toStart desired processes with no running, confined container of the same key
 * @param toKeep  running containers that match a desired key (one per key)
 * @param toStop  every observed container not kept: other releases, indexes beyond the quantity,
 *                exited or never-started ones, duplicates, ones made under an older confinement
 */
public record Plan(List<ProcessSpec> toStart, List<RunningProcess> toKeep, List<RunningProcess> toStop) {

    public Plan {
        toStart = List.copyOf(toStart);
        toKeep = List.copyOf(toKeep);
        toStop = List.copyOf(toStop);
    }

    public static Plan between(List<ProcessSpec> desired, List<RunningProcess> observed) {
        Map<String, RunningProcess> runningByKey = new HashMap<>();
        for (RunningProcess p : observed) {
            if (p.isRunning() && p.confined()) {
                runningByKey.putIfAbsent(p.key(), p);
            }
        }
        List<ProcessSpec> toStart = new ArrayList<>();
        List<RunningProcess> toKeep = new ArrayList<>();
        for (ProcessSpec spec : desired) {
            RunningProcess running = runningByKey.remove(spec.key());
            if (running == null) {
                toStart.add(spec);
            } else {
                toKeep.add(running);
            }
        }
        List<RunningProcess> toStop = new ArrayList<>();
        for (RunningProcess p : observed) {
            if (!toKeep.contains(p)) {
                toStop.add(p);
            }
        }
        return new Plan(toStart, toKeep, toStop);
    }

    public boolean isNoOp() {
        return toStart.isEmpty() && toStop.isEmpty();
    }
}
