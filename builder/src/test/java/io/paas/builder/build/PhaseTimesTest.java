package io.paas.builder.build;

import org.junit.jupiter.api.Test;

import java.util.Iterator;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PhaseTimesTest {
    @Test
    void summaryGivesTheWholeAndEachPhaseInTenthsOfSeconds() {
        Iterator<Long> clock = List.of(1_000_000_000L, 2_240_000_000L, 3_050_000_000L, 4_960_000_000L).iterator();
        PhaseTimes phases = new PhaseTimes(clock::next);

        phases.ended("build");
        phases.ended("image");
        phases.ended("release");

        assertEquals("Done in 4.0 s (build 1.2 s, image 0.8 s, release 1.9 s)", phases.summary());
    }
}
