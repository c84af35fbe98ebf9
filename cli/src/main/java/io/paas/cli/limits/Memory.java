package io.paas.cli.limits;

import io.paas.cli.support.CliException;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Memory sizes as users write them: K/M/G, binary (512M = 512 MiB), "B" and "iB" tolerated. */
final class Memory {
    static final long K = 1024;
    static final long M = K * 1024;
    static final long G = M * 1024;
    /** Below this hardly any process starts: a typo (512K for 512M) rather than a wish. */
    static final long MIN = 4 * M;
    static final long MAX = 1024 * G;

    private static final Pattern SIZE = Pattern.compile("^(\\d{1,7}(?:\\.\\d{1,3})?)\\s*([KMG])(?:IB?|B)?$");

    private Memory() {
    }

    /** Bytes; fractions allowed ("1.5G") and rounded down to whole bytes. */
    static long parse(String text) {
        Matcher matcher = SIZE.matcher(text == null ? "" : text.strip().toUpperCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw CliException.usage("invalid memory size '" + text + "': use a number with K, M or G, e.g. 512M or 1G");
        }
        long unit = switch (matcher.group(2)) {
            case "K" -> K;
            case "M" -> M;
            default -> G;
        };
        long bytes = new BigDecimal(matcher.group(1)).multiply(BigDecimal.valueOf(unit)).longValue();
        if (bytes < MIN) {
            throw CliException.usage("memory limit " + text + " is too small: at least 4M");
        }
        if (bytes > MAX) {
            throw CliException.usage("memory limit " + text + " is too large: at most 1024G");
        }
        return bytes;
    }

    /** "512M", "1G", "1536M"; the largest unit that divides it exactly. */
    static String format(Long bytes) {
        if (bytes == null) {
            return "none";
        }
        if (bytes % G == 0) {
            return bytes / G + "G";
        }
        if (bytes % M == 0) {
            return bytes / M + "M";
        }
        if (bytes % K == 0) {
            return bytes / K + "K";
        }
        return bytes + "B";
    }
}
