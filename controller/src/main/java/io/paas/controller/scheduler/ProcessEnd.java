package io.paas.controller.scheduler;

import java.time.Duration;
import java.util.Locale;

/**
 * How a process that no longer runs ended, as the engine recorded it: its exit status, whether the
 * kernel killed it for memory, how long it ran, and the memory limit it had (0: none).
 */
public record ProcessEnd(long exitCode, boolean outOfMemory, Duration ranFor, long memoryLimitBytes) {
    private static final long MB = 1024L * 1024;

    /** "exited with status 1 after 0.8 s", or "killed: out of memory (limit 64 MB)": said to users as it is. */
    public String reason() {
        if (outOfMemory) {
            return "killed: out of memory" + (memoryLimitBytes > 0 ? " (limit " + megabytes(memoryLimitBytes) + ")" : "");
        }
        return "exited with status " + exitCode + (ranFor == null ? "" : " after " + seconds(ranFor));
    }

    /** Tenths under ten seconds (a crash at start-up), whole seconds above. */
    static String seconds(Duration duration) {
        long millis = Math.max(0, duration.toMillis());
        return millis < 10_000 ? String.format(Locale.ROOT, "%.1f s", millis / 1000.0) : millis / 1000 + " s";
    }

    /** The unit `paas limits:set web=64M` speaks: limits are set in whole MB, rarely otherwise. */
    static String megabytes(long bytes) {
        return bytes % MB == 0 ? bytes / MB + " MB" : String.format(Locale.ROOT, "%.1f MB", bytes / (double) MB);
    }
}
