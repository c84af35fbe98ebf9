package io.paas.controller.scheduler;

import java.time.Instant;

/**
 * A container the engine reports for an app. {@code endpoint} is "127.0.0.1:PORT" for a process
 * with a published port, else null. {@code state} is the engine's word (running, exited, created ...).
 */
public record RunningProcess(String containerId, String name, String app, String type, int index, int release,
                             String state, String endpoint, Instant startedAt) {
    public boolean isRunning() {
        return "running".equals(state);
    }

    public String key() {
        return type + "." + index + "@v" + release;
    }
}
