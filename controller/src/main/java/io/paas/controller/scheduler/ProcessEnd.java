package io.paas.controller.scheduler;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * How a process that no longer runs ended, as the engine recorded it: its exit status, whether the
 * engine saw the kernel kill it for memory, how long it ran, and the memory limit it had (0: none).
 */
public record ProcessEnd(long exitCode, boolean outOfMemory, Duration ranFor, long memoryLimitBytes) {
    private static final long MB = 1024L * 1024;
    /** 128 + SIGKILL: what the init (or a shell) exits with when the kernel kills its process. */
    private static final long KILLED = 137;

    /**
     * "exited with status 1 after 0.8 s", or "killed: out of memory (limit 64 MB)": said to users as
     * it is. Podman on cgroups v1 never sets OOMKilled (conmon misses the event), so a SIGKILL
     * under a memory limit, which the platform only sends when it stops a process, is said to be
     * memory with "most likely".
     */
    public String reason() {
        String limit = memoryLimitBytes > 0 ? " (limit " + megabytes(memoryLimitBytes) + ")" : "";
        String after = ranFor == null ? "" : " after " + seconds(ranFor);
        if (outOfMemory) {
            return "killed: out of memory" + limit;
        }
        if (exitCode == KILLED) {
            return "killed" + after + (memoryLimitBytes > 0 ? ": most likely out of memory" + limit : " (SIGKILL)");
        }
        return "exited with status " + exitCode + after;
    }

    /**
     * How long a process ran, from the engine's start and end times (null when either is unknown).
     * Podman's end time comes from a coarser clock than its start time: a process that exits at
     * once can end "before" it started, by a few milliseconds. That is a process that ran for no time.
     */
    public static Duration ranFor(Instant started, Instant finished) {
        if (started == null || finished == null) {
            return null;
        }
        return finished.isBefore(started) ? Duration.ZERO : Duration.between(started, finished);
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
