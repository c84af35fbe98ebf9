package io.paas.controller.scheduler.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.paas.controller.scheduler.ProcessEvent;
import io.paas.controller.scheduler.RunningProcess;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A pod watch's ADDED, MODIFIED and DELETED as the Docker-API engine's words (start, die, oom, stop,
 * destroy), once per change: the API server sends MODIFIED for every status update (conditions,
 * probes), of which only a few change what runs.
 */
final class PodEvents {
    private final ProcessPods pods;
    /** The last word said of each pod (by uid), so that a status update that changes nothing says nothing. */
    private final Map<String, String> said = new ConcurrentHashMap<>();

    PodEvents(ProcessPods pods) {
        this.pods = pods;
    }

    /** The pod as it is when the watch begins: what a later update repeats of it is no event. */
    void know(Pod pod) {
        of("ADDED", pod);
    }

    /** The event a watch's action on the pod makes, or null when it changes nothing that runs. */
    ProcessEvent of(String action, Pod pod) {
        RunningProcess process = pods.fromPod(pod);
        if (process == null) {
            return null;
        }
        String id = process.containerId();
        if ("DELETED".equals(action)) {
            said.remove(id);
            return new ProcessEvent(process.app(), id, "destroy", null, true);
        }
        String word = switch (process.state()) {
            case "running" -> "start";
            case "exited" -> ProcessPods.end(pod).map(end -> end.outOfMemory() ? "oom" : "die").orElse("die");
            case "removing" -> "stop";
            default -> null;
        };
        if (word == null || word.equals(said.put(id, word))) {
            return null;
        }
        return new ProcessEvent(process.app(), id, word, process, false);
    }
}
