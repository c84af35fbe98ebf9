package io.paas.builder.container;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Turns log frames (which split lines anywhere) back into whole lines. */
class LineSplitter {
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final Consumer<String> onLine;

    LineSplitter(Consumer<String> onLine) {
        this.onLine = onLine;
    }

    synchronized void accept(byte[] bytes) {
        for (byte b : bytes) {
            if (b == '\n') {
                emit();
            } else {
                pending.write(b);
            }
        }
    }

    /** Emits what is left without a final newline. */
    synchronized void finish() {
        if (pending.size() > 0) {
            emit();
        }
    }

    private void emit() {
        String line = pending.toString(StandardCharsets.UTF_8);
        pending.reset();
        onLine.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
    }
}
