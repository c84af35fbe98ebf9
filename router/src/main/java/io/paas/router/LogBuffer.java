package io.paas.router;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Access log lines batched to stdout: a write syscall per request would cost more than the
 * proxying itself at tens of thousands of requests per second. Flushed every 100 ms (by the
 * router's timer) or when 32 KB are waiting, so a line shows up at most 100 ms late.
 */
public final class LogBuffer {
    private static final int FLUSH_AT = 32 * 1024;
    private final FileOutputStream out = new FileOutputStream(FileDescriptor.out);
    private StringBuilder pending = new StringBuilder(FLUSH_AT * 2);

    public void append(CharSequence line) {
        StringBuilder full = null;
        synchronized (this) {
            pending.append(line).append('\n');
            if (pending.length() >= FLUSH_AT) {
                full = pending;
                pending = new StringBuilder(FLUSH_AT * 2);
            }
        }
        if (full != null) {
            write(full);
        }
    }

    public void flush() {
        StringBuilder full;
        synchronized (this) {
            if (pending.length() == 0) {
                return;
            }
            full = pending;
            pending = new StringBuilder(FLUSH_AT * 2);
        }
        write(full);
    }

    /** Writes a batch of whole lines now (each event loop's AccessLog gathers its own batches). */
    public void write(CharSequence text) {
        // Through System.out's lock, so lines never interleave with Log.info lines.
        synchronized (System.out) {
            System.out.flush();
            try {
                out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // stdout closed: nothing to log to.
            }
        }
    }
}
