package io.paas.controller.scheduler;

import java.time.Instant;

/**
 * A container the engine reports for an app. {@code endpoint} is "127.0.0.1:PORT" for a process
 * with a published port, else null. {@code state} is the engine's word (running, exited, created ...).
 * {@code confined}: made under the scheduler's current {@link io.paas.controller.scheduler.docker.Confinement}; a container that was not
 * (made before apps were kept apart) is replaced, as one of another release would be.
 */
public record RunningProcess(String containerId, String name, String app, String type, int index, int release,
                             int generation, String state, String endpoint, Instant startedAt, boolean confined) {

    public RunningProcess(String containerId, String name, String app, String type, int index, int release,
                          int generation, String state, String endpoint, Instant startedAt) {
        this(containerId, name, app, type, index, release, generation, state, endpoint, startedAt, true);
    }

    public RunningProcess(String containerId, String name, String app, String type, int index, int release,
                          String state, String endpoint, Instant startedAt) {
        this(containerId, name, app, type, index, release, 0, state, endpoint, startedAt);
    }

    public boolean isRunning() {
        return "running".equals(state);
    }

    public String key() {
        return ProcessSpec.key(type, index, release, generation);
    }

    /** Type and index: the slot a container fills, whichever release or generation it runs. */
    public String slot() {
        return type + "." + index;
    }
}
