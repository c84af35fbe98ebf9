package io.paas.controller.logs;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands each new line of an app to the readers following it ({@code paas logs --tail}). A reader
 * that does not keep up holds at most {@link #MAX_BUFFERED} lines; past that its lines are dropped
 * and it is told how many, as logplex's L11 error does, rather than the platform's memory growing
 * with a slow client.
 */
class LiveLogs {
    static final int MAX_BUFFERED = 5_000;

    private final Map<Long, List<Follower>> followers = new ConcurrentHashMap<>();

    void publish(long appId, List<LogLine> lines) {
        List<Follower> following = followers.get(appId);
        if (following == null) {
            return;
        }
        for (Follower follower : following) {
            lines.forEach(follower::offer);
        }
    }

    /**
     * The backlog, then the app's new lines that the query wants, until the reader goes away. The
     * reader is registered before this returns: a line published after it is not missed, even
     * before the stream is subscribed to.
     */
    Multi<LogLine> follow(long appId, LogQuery query, List<LogLine> backlog) {
        Follower follower = new Follower(query);
        backlog.forEach(follower::emit);
        followers.computeIfAbsent(appId, id -> new CopyOnWriteArrayList<>()).add(follower);
        Runnable unregister = () -> followers.computeIfPresent(appId, (id, list) -> {
            list.remove(follower);
            return list.isEmpty() ? null : list;
        });
        return follower.lines.onItem().invoke(follower::delivered).onTermination().invoke(unregister);
    }

    private static final class Follower {
        private final Queue<LogLine> queue = new ConcurrentLinkedQueue<>();
        final UnicastProcessor<LogLine> lines = UnicastProcessor.create(queue, () -> { });
        private final LogQuery query;
        private final AtomicLong buffered = new AtomicLong();
        private final AtomicLong dropped = new AtomicLong();

        Follower(LogQuery query) {
            this.query = query;
        }

        void offer(LogLine line) {
            if (!query.test(line)) {
                return;
            }
            if (buffered.get() >= MAX_BUFFERED) {
                dropped.incrementAndGet();
                return;
            }
            long missed = dropped.getAndSet(0);
            if (missed > 0) {
                emit(new LogLine(Instant.now(), LogSource.PLATFORM, null,
                        "Error L11 (tail buffer overflow): " + missed + " lines dropped, the reader was too slow"));
            }
            emit(line);
        }

        void emit(LogLine line) {
            buffered.incrementAndGet();
            lines.onNext(line);
        }

        void delivered(LogLine line) {
            buffered.decrementAndGet();
        }
    }
}
