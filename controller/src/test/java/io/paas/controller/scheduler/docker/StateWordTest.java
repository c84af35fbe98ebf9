package io.paas.controller.scheduler.docker;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Podman answers "stopped" for a container whose process ended until its cleanup ran, then
 * "exited" (seen here: one inspect right after the exit says stopped, the next ones exited). Which
 * one a caller saw depended on timing, and a scheduler test failed on it now and then.
 */
class StateWordTest {
    @Test
    void anEndedProcessIsExitedWhetherOrNotTheEngineCleanedUpYet() {
        assertEquals("exited", ProcessContainers.stateWord("stopped"));
        assertEquals("exited", ProcessContainers.stateWord("Exited"));
    }

    @Test
    void otherWordsAreKeptInLowerCase() {
        assertEquals("running", ProcessContainers.stateWord("Running"));
        assertEquals("created", ProcessContainers.stateWord("created"));
        assertEquals("unknown", ProcessContainers.stateWord(null));
    }
}
