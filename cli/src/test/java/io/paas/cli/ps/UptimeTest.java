package io.paas.cli.ps;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UptimeTest {
    @Test
    void formatsLikePs() {
        assertEquals("0s", Uptime.format(Duration.ZERO));
        assertEquals("45s", Uptime.format(Duration.ofSeconds(45)));
        assertEquals("3m12s", Uptime.format(Duration.ofSeconds(3 * 60 + 12)));
        assertEquals("2h05m", Uptime.format(Duration.ofMinutes(125).plusSeconds(59)));
        assertEquals("1d04h", Uptime.format(Duration.ofHours(28).plusMinutes(59)));
        assertEquals("12d00h", Uptime.format(Duration.ofDays(12)));
    }

    @Test
    void aClockAheadOrAMissingTimeShowsNoNonsense() {
        Instant now = Instant.parse("2026-11-27T10:00:00Z");
        assertEquals("0s", Uptime.since("2026-11-27T10:00:05Z", now));
        assertEquals("3m12s", Uptime.since("2026-11-27T09:56:47.750Z", now));
        assertEquals("", Uptime.since(null, now));
        assertEquals("", Uptime.since("yesterday", now));
    }
}
