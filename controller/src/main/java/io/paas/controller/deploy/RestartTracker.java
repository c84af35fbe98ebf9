package io.paas.controller.deploy;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Crash restarts per process slot (app, type.index), with exponential back-off: 1 s after the
 * first crash, doubling up to a minute, back to the start once a process stayed up for a minute.
 */
@ApplicationScoped
public class RestartTracker {
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    private static final Duration STABLE = Duration.ofSeconds(60);

    private record Slot(int restarts, int streak, Instant lastRestart) {
    }

    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    /** True when a crashed slot may be started again now. */
    public boolean mayRestart(String app, String slot) {
        return untilRestart(app, slot).isZero();
    }

    /** How long a crashed slot's back-off still holds it; zero when it may be started now. */
    public Duration untilRestart(String app, String slot) {
        Slot s = slots.get(app + "/" + slot);
        if (s == null) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(Instant.now(), s.lastRestart.plus(backoff(s.streak)));
        return left.isNegative() ? Duration.ZERO : left;
    }

    public void restarted(String app, String slot) {
        slots.compute(app + "/" + slot, (k, s) -> {
            Instant now = Instant.now();
            if (s == null) {
                return new Slot(1, 1, now);
            }
            boolean wasStable = now.isAfter(s.lastRestart.plus(backoff(s.streak)).plus(STABLE));
            return new Slot(s.restarts + 1, wasStable ? 1 : s.streak + 1, now);
        });
    }

    public int restarts(String app, String slot) {
        Slot s = slots.get(app + "/" + slot);
        return s == null ? 0 : s.restarts;
    }

    /** Forgets the slots of every app not in the set (destroyed ones). */
    public void forgetAllBut(java.util.Set<String> apps) {
        slots.keySet().removeIf(k -> !apps.contains(k.substring(0, k.indexOf('/'))));
    }

    public void forget(String app) {
        slots.keySet().removeIf(k -> k.startsWith(app + "/"));
    }

    static Duration backoff(int streak) {
        long seconds = 1L << Math.min(Math.max(streak - 1, 0), 6);
        return seconds >= MAX_BACKOFF.toSeconds() ? MAX_BACKOFF : Duration.ofSeconds(seconds);
    }
}
