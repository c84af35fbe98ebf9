package io.paas.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How much of a build's output the platform keeps: all of it up to {@link #MAX} bytes (UTF-8); of a
 * longer one its first {@link #HEAD} bytes and its last {@link #TAIL}, both cut at a line's end, with
 * a line between saying how many bytes were left out. The start says what was built, the end why it
 * failed; a looping build cannot fill the database. The builder caps a log file it reads in two
 * pieces, the controller caps what it is sent: the same rule, and a capped text stays as it is.
 */
public final class BuildOutputCap {
    public static final int MAX = 1 << 20;
    public static final int HEAD = 256 << 10;
    /** What is left of MAX after the head and the line saying what was cut. */
    public static final int TAIL = MAX - HEAD - 256;

    private BuildOutputCap() {
    }

    public static String cap(String output) {
        byte[] bytes = output.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX) {
            return output;
        }
        return join(Arrays.copyOf(bytes, HEAD), Arrays.copyOfRange(bytes, bytes.length - TAIL, bytes.length),
                bytes.length);
    }

    /** head: an output's first HEAD bytes; tail: its last TAIL bytes; total: its length, more than MAX. */
    public static String join(byte[] head, byte[] tail, long total) {
        // a cut at a newline never splits a character: no byte of a multi-byte one is '\n'
        int headEnd = head.length;
        for (int i = head.length - 1; i >= 0; i--) {
            if (head[i] == '\n') {
                headEnd = i + 1;
                break;
            }
        }
        int tailStart = 0;
        for (int i = 0; i < tail.length; i++) {
            if (tail[i] == '\n') {
                tailStart = i + 1;
                break;
            }
        }
        long cut = total - headEnd - (tail.length - tailStart);
        String start = new String(head, 0, headEnd, StandardCharsets.UTF_8);
        return start + (start.endsWith("\n") ? "" : "\n")
                + "-----> [" + cut + " bytes of output cut here: a build keeps its first " + (HEAD >> 10)
                + " KiB and its last " + (TAIL >> 10) + " KiB]\n"
                + new String(tail, tailStart, tail.length - tailStart, StandardCharsets.UTF_8);
    }
}
