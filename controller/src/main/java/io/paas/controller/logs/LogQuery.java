package io.paas.controller.logs;

import java.util.function.Predicate;

/**
 * Which lines a reader wants: the last {@code lines} of them, of one source and one process type
 * (null for all).
 */
public record LogQuery(int lines, LogSource source, String type) implements Predicate<LogLine> {
    public static final int DEFAULT_LINES = 100;
    public static final int MAX_LINES = 10_000;

    @Override
    public boolean test(LogLine line) {
        if (source != null && line.source() != source) {
            return false;
        }
        if (type == null) {
            return true;
        }
        String process = line.process();
        return process != null && (process.equals(type) || process.startsWith(type + "."));
    }
}
