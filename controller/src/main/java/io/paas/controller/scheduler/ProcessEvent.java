package io.paas.controller.scheduler;

import java.util.Set;

/**
 * A change the engine reports for one of the platform's process containers: {@code action} is the
 * engine's word (start, die, oom, destroy ...). The controller reads it as "look at this app again".
 */
public record ProcessEvent(String app, String containerId, String action) {
    /** What can leave an app with fewer (or more) running containers than it should have. */
    private static final Set<String> CHANGES = Set.of("start", "die", "oom", "stop", "destroy", "remove");

    public boolean changesWhatRuns() {
        return CHANGES.contains(action);
    }
}
