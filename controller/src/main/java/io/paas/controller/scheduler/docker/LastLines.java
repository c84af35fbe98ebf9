package io.paas.controller.scheduler.docker;

/**
 * The last lines of a stream of text chunks, holding little more than those lines whatever the
 * stream's length. The engine is asked for the whole log and this keeps the tail because Podman
 * 4.3's own tail mangles k8s-file logs with partial lines (podman#19562): it glues a line to the
 * next or drops it, and a release phase's refusal is exactly such a short log.
 */
final class LastLines {
    private static final int TRIM_AT = 64 * 1024;

    private final int lines;
    private final StringBuilder text = new StringBuilder();

    LastLines(int lines) {
        this.lines = Math.max(1, lines);
    }

    synchronized void append(String chunk) {
        text.append(chunk);
        if (text.length() > TRIM_AT) {
            trim();
        }
    }

    @Override
    public synchronized String toString() {
        trim();
        return text.toString();
    }

    private void trim() {
        // A trailing newline ends the last line rather than starting an empty one.
        int end = text.length() > 0 && text.charAt(text.length() - 1) == '\n' ? text.length() - 1 : text.length();
        int seen = 0;
        for (int i = end - 1; i >= 0; i--) {
            if (text.charAt(i) == '\n' && ++seen == lines) {
                text.delete(0, i + 1);
                return;
            }
        }
    }
}
