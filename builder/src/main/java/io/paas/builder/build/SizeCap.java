package io.paas.builder.build;

import java.util.Locale;

/**
 * A platform cap on what a build leaves on disk (an app's build cache, its slug): past it the build
 * fails, naming the size, the cap and the setting that raises it.
 *
 * @param setting the environment variable operators set it with
 */
public record SizeCap(String setting, long maxBytes) {
    /** "2G", "512M", "64K" or plain bytes, as the PAAS_* settings take them. */
    public static SizeCap parse(String setting, String value) {
        String text = value.strip().toUpperCase(Locale.ROOT);
        long unit = switch (text.isEmpty() ? ' ' : text.charAt(text.length() - 1)) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> 1;
        };
        try {
            long number = Long.parseLong(unit == 1 ? text : text.substring(0, text.length() - 1));
            if (number <= 0) {
                throw new NumberFormatException();
            }
            return new SizeCap(setting, Math.multiplyExact(number, unit));
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException(setting + " must be a size such as 2G, 512M or a number of bytes, not '"
                    + value + "'");
        }
    }

    /** Null when size fits, else the line that says what is over the cap. */
    String overBy(String what, long size) {
        return size <= maxBytes ? null
                : what + " is " + human(size) + ", over the platform's cap of " + human(maxBytes) + " (" + setting + ")";
    }

    static String human(long bytes) {
        if (bytes < 1L << 20) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return bytes < 1L << 30 ? String.format(Locale.ROOT, "%.1f MB", bytes / (double) (1L << 20))
                : String.format(Locale.ROOT, "%.2f GB", bytes / (double) (1L << 30));
    }
}
