package io.paas.controller.scheduler;

import java.time.Instant;

/**
 * One line a process printed, as the engine recorded it: which app (by id, as every store is
 * keyed), which process ("web.1"), when, whether on stderr.
 */
public record OutputLine(long appId, String process, Instant time, boolean stderr, String text) {
}
