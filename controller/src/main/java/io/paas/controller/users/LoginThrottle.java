package io.paas.controller.users;

import io.paas.controller.problems.Problem;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing without letting a guesser lock a real user out. Failures are counted per
 * (username, address) and per address, never per username alone: a guesser elsewhere cannot make a user's
 * own logins wait. Past a few free failures each further attempt waits a delay that doubles (1 s, 2 s,
 * 4 s, ... up to 15 min); a success clears the name's count at that address; 15 quiet minutes clear all.
 */
@ApplicationScoped
public class LoginThrottle {
    static final int FREE_PER_NAME = 5;
    static final int FREE_PER_ADDRESS = 20;
    private static final Duration LONGEST = Duration.ofMinutes(15);
    private static final Duration FORGET = Duration.ofMinutes(15);
    private static final int MAX_ENTRIES = 100_000;

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    public LoginThrottle() {
        this(Clock.systemUTC());
    }

    LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** 429 with the wait when the name at this address, or the address, must wait. */
    public void check(String username, String address) {
        long now = clock.millis();
        long wait = Math.max(waitMillis(pair(username, address), FREE_PER_NAME, now),
                waitMillis(address(address), FREE_PER_ADDRESS, now));
        if (wait > 0) {
            long seconds = (wait + 999) / 1000;
            throw Problem.tooMany("too many failed logins from your address: try again in " + seconds + " s", seconds);
        }
    }

    public void failed(String username, String address) {
        long now = clock.millis();
        if (failures.size() >= MAX_ENTRIES) {
            forgetOld(now);
        }
        failures.compute(pair(username, address), (key, old) -> Failures.after(old, now));
        failures.compute(address(address), (key, old) -> Failures.after(old, now));
    }

    public void succeeded(String username, String address) {
        failures.remove(pair(username, address));
    }

    private long waitMillis(String key, int free, long now) {
        Failures seen = failures.get(key);
        if (seen == null || seen.count < free) {
            return 0;
        }
        long delay = Math.min(LONGEST.toMillis(), 1000L << Math.min(20, seen.count - free));
        return Math.max(0, seen.last + delay - now);
    }

    private void forgetOld(long now) {
        for (Iterator<Failures> it = failures.values().iterator(); it.hasNext(); ) {
            if (now - it.next().last > FORGET.toMillis()) {
                it.remove();
            }
        }
    }

    private static String pair(String username, String address) {
        return username + "\n" + address;
    }

    private static String address(String address) {
        return "\n" + address;
    }

    private record Failures(int count, long last) {
        static Failures after(Failures old, long now) {
            return old == null || now - old.last > FORGET.toMillis() ? new Failures(1, now) : new Failures(old.count + 1, now);
        }
    }
}
