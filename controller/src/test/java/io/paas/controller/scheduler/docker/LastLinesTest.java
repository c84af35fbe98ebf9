package io.paas.controller.scheduler.docker;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LastLinesTest {
    @Test
    void keepsTheLastLinesAcrossChunks() {
        LastLines last = new LastLines(2);
        last.append("one\ntw");
        last.append("o\nthree\n");
        assertEquals("two\nthree\n", last.toString());
    }

    @Test
    void aLastLineWithoutNewlineCounts() {
        LastLines last = new LastLines(2);
        last.append("migrating\nstill\nrefused");
        assertEquals("still\nrefused", last.toString());
    }

    @Test
    void aLongStreamKeepsOnlyItsTail() {
        LastLines last = new LastLines(3);
        for (int i = 0; i < 100_000; i++) {
            last.append("line " + i + "\n");
        }
        assertEquals("line 99997\nline 99998\nline 99999\n", last.toString());
    }

    @Test
    void fewerLinesThanAskedAreAllKept() {
        LastLines last = new LastLines(5);
        last.append("only\n");
        assertEquals("only\n", last.toString());
        assertEquals("", new LastLines(5).toString());
    }
}
