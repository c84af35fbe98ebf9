package io.paas.cli.run;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The user's terminal, through stty on /dev/tty (Java has no terminal API of its own): its size, and
 * raw mode while a remote TTY runs, so that every key (Ctrl-C, Ctrl-D, arrows) goes to the remote
 * process and its terminal echoes, not ours. {@link #restore()} puts back the settings found.
 */
final class Terminal {
    private static final File TTY = new File("/dev/tty");
    private String saved;

    /** rows and columns, or {0, 0} when they cannot be read. */
    static int[] size() {
        String size = stty("size");
        if (size != null) {
            String[] parts = size.trim().split("\\s+");
            if (parts.length == 2 && parts[0].matches("\\d+") && parts[1].matches("\\d+")) {
                return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
            }
        }
        return new int[] {0, 0};
    }

    /** True when raw mode is on; false when stty could not set it (the session still runs, cooked). */
    boolean raw() {
        saved = stty("-g");
        return saved != null && stty("raw", "-echo") != null;
    }

    void restore() {
        if (saved != null) {
            stty(saved.trim());
            saved = null;
        }
    }

    private static String stty(String... args) {
        String[] command = new String[args.length + 1];
        command[0] = "stty";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process p = new ProcessBuilder(command).redirectInput(TTY).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(5, TimeUnit.SECONDS) || p.exitValue() != 0) {
                return null;
            }
            return out;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
