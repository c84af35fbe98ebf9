package io.paas.controller.scheduler;

import java.util.Set;

/**
 * A change the engine reports for one of the platform's process containers: {@code action} is the
 * engine's word (start, die, oom, destroy ...); {@code now} the container as the engine describes it
 * right after (null when it no longer has it, or could not be asked: see {@code gone}).
 */
public record ProcessEvent(String app, String containerId, String action, RunningProcess now, boolean gone) {
    /** What can leave an app with fewer (or more) running containers than it should have. */
    private static final Set<String> CHANGES = Set.of("start", "die", "oom", "stop", "destroy", "remove");

    public static boolean changesWhatRuns(String action) {
        return CHANGES.contains(action);
    }
}
