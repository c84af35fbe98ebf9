package io.paas.controller.logs;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LogLineTest {
    @Test
    void timesHaveThreeDigitsOfMillisecondsEvenOnAWholeSecond() {
        assertEquals("2026-12-05T07:00:51.000Z app[web.1]: up",
                new LogLine(Instant.parse("2026-12-05T07:00:51Z"), LogSource.APP, "web.1", "up").format());
        assertEquals("2026-12-05T07:00:51.120Z platform: Deployed v2",
                new LogLine(Instant.parse("2026-12-05T07:00:51.120999Z"), LogSource.PLATFORM, null, "Deployed v2").format());
    }

    @Test
    void aLongLineIsCutAndSaysHowMuchAndNewlinesBecomeSpaces() {
        String text = new LogLine(Instant.EPOCH, LogSource.APP, "web.1", "a\nb" + "x".repeat(10_100)).text();
        assertEquals(10_000 + " [cut: 103 more characters]".length(), text.length());
        assertEquals("a b", text.substring(0, 3));
    }
}
