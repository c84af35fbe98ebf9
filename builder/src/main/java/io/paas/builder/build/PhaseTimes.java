package io.paas.builder.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * How long each phase of a push took (build, image, release), for its closing line: where the seconds
 * of a deploy go is what a user tuning one (or a team chasing push-to-live times) needs first.
 */
public class PhaseTimes {
    private final LongSupplier nanos;
    private final long start;
    private long last;
    private final List<String> phases = new ArrayList<>();

    public PhaseTimes() {
        this(System::nanoTime);
    }

    PhaseTimes(LongSupplier nanos) {
        this.nanos = nanos;
        this.start = nanos.getAsLong();
        this.last = start;
    }

    /** Ends the phase running since the last mark (or the start). */
    public void ended(String phase) {
        long now = nanos.getAsLong();
        phases.add(phase + " " + seconds(now - last));
        last = now;
    }

    /** "Done in 3.9 s (build 1.2 s, image 0.8 s, release 1.9 s)". */
    public String summary() {
        return "Done in " + seconds(last - start) + " (" + String.join(", ", phases) + ")";
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
