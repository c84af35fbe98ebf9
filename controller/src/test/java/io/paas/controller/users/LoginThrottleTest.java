package io.paas.controller.users;

import io.paas.controller.problems.Problem;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LoginThrottleTest {
    private Instant now = Instant.parse("2026-12-05T00:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void delaysDoubleAfterTheFreeFailuresAndStopAtFifteenMinutes() {
        for (int i = 0; i < LoginThrottle.FREE_PER_NAME; i++) {
            assertDoesNotThrow(() -> throttle.check("ann", "10.0.0.1"));
            throttle.failed("ann", "10.0.0.1");
        }
        assertEquals(1, waitSeconds("ann", "10.0.0.1"));
        now = now.plusSeconds(1);
        throttle.failed("ann", "10.0.0.1");
        assertEquals(2, waitSeconds("ann", "10.0.0.1"));
        now = now.plusSeconds(2);
        throttle.failed("ann", "10.0.0.1");
        assertEquals(4, waitSeconds("ann", "10.0.0.1"));
        for (int i = 0; i < 30; i++) {
            throttle.failed("ann", "10.0.0.1");
        }
        assertEquals(15 * 60, waitSeconds("ann", "10.0.0.1"));
        now = now.plus(Duration.ofMinutes(15));
        assertDoesNotThrow(() -> throttle.check("ann", "10.0.0.1"));
    }

    @Test
    void aGuesserElsewhereNeverMakesTheUserWaitButOneAddressGuessingManyNamesDoes() {
        for (int i = 0; i < 50; i++) {
            throttle.failed("ann", "10.0.0.66");
        }
        assertDoesNotThrow(() -> throttle.check("ann", "10.0.0.1"));
        for (int i = 0; i < LoginThrottle.FREE_PER_ADDRESS; i++) {
            throttle.failed("user" + i, "10.0.0.77");
        }
        assertEquals(1, waitSeconds("someone-new", "10.0.0.77"));
    }

    @Test
    void aSuccessClearsTheNameAtThatAddress() {
        for (int i = 0; i < LoginThrottle.FREE_PER_NAME; i++) {
            throttle.failed("ann", "10.0.0.1");
        }
        throttle.succeeded("ann", "10.0.0.1");
        assertDoesNotThrow(() -> throttle.check("ann", "10.0.0.1"));
    }

    private long waitSeconds(String name, String address) {
        return assertThrows(Problem.class, () -> throttle.check(name, address)).retryAfterSeconds();
    }
}
