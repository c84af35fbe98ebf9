package io.paas.controller.scheduler;

/** How a one-off process (the release phase, later `paas run`) ended, with what it printed. */
public record OneOffResult(int exitCode, String output, boolean timedOut) {
    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }
}
