package io.paas.controller.routes;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouterAcksTest {

    /** The registry's storage, kept in a list: what a restarted controller would read back. */
    static final class Stored extends RouterRegistry {
        final List<RouterRecord> records = new ArrayList<>();

        @Override
        public void save(String router, long generation, Instant at) {
            records.removeIf(r -> r.id.equals(router));
            RouterRecord record = new RouterRecord();
            record.id = router;
            record.generation = generation;
            record.seenAt = at;
            records.add(record);
        }

        @Override
        public List<RouterRecord> seenSince(Instant since) {
            return records.stream().filter(r -> r.seenAt.isAfter(since)).toList();
        }
    }

    @Test
    void noRouterMeansNothingToWaitFor() {
        assertTrue(new RouterAcks(new Stored()).awaitAll(5, Duration.ofMillis(10)));
    }

    @Test
    void waitsUntilEveryLiveRouterApplied() throws Exception {
        RouterAcks acks = new RouterAcks(new Stored());
        acks.ack("r1", 4);
        assertFalse(acks.awaitAll(5, Duration.ofMillis(50)));
        Thread later = new Thread(() -> acks.ack("r1", 5));
        later.start();
        assertTrue(acks.awaitAll(5, Duration.ofSeconds(5)));
        later.join();
    }

    @Test
    void aRouterSeenBeforeARestartIsWaitedForAgain() {
        Stored storage = new Stored();
        new RouterAcks(storage).ack("r1", 1_000);
        RouterAcks restarted = new RouterAcks(storage);
        assertEquals(-1L, restarted.live().get("r1"), "known, but it has not applied this controller's tables");
        assertFalse(restarted.awaitAll(1, Duration.ofMillis(50)));
        restarted.ack("r1", 1);
        assertTrue(restarted.awaitAll(1, Duration.ofMillis(50)));
    }

    @Test
    void aRouterSilentForLongIsNotWaitedFor() {
        Stored storage = new Stored();
        storage.save("gone", 3, Instant.now().minus(RouterAcks.STALE).minusSeconds(1));
        assertTrue(new RouterAcks(storage).awaitAll(4, Duration.ofMillis(10)));
    }
}
