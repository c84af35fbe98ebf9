package io.paas.controller.deploy;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RestartTrackerTest {

    @Test
    void backoffDoublesUpToAMinute() {
        assertEquals(Duration.ofSeconds(1), RestartTracker.backoff(1));
        assertEquals(Duration.ofSeconds(2), RestartTracker.backoff(2));
        assertEquals(Duration.ofSeconds(4), RestartTracker.backoff(3));
        assertEquals(Duration.ofSeconds(32), RestartTracker.backoff(6));
        assertEquals(Duration.ofSeconds(60), RestartTracker.backoff(7));
        assertEquals(Duration.ofSeconds(60), RestartTracker.backoff(30));
    }

    @Test
    void aSlotThatJustRestartedWaitsAndIsCounted() {
        RestartTracker tracker = new RestartTracker();
        assertTrue(tracker.mayRestart("app", "web.1"), "a first crash restarts at once");
        tracker.restarted("app", "web.1");
        assertFalse(tracker.mayRestart("app", "web.1"), "the second waits for the back-off");
        assertTrue(tracker.mayRestart("app", "web.2"), "other slots are not held back");
        assertEquals(1, tracker.restarts("app", "web.1"));
        tracker.restarted("app", "web.1");
        assertEquals(2, tracker.restarts("app", "web.1"));
        tracker.forget("app");
        assertEquals(0, tracker.restarts("app", "web.1"));
        assertTrue(tracker.mayRestart("app", "web.1"));
    }
}
