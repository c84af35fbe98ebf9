package io.paas.cli.limits;

import io.paas.cli.support.CliException;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** CPU limits in cores: 0.5 is half a core. */
final class Cpu {
    /** Generous: the platform runs on one host, but the CLI does not know its core count. */
    static final double MAX = 64;

    private static final Pattern NUMBER = Pattern.compile("^\\d{1,3}(\\.\\d{1,3})?$|^\\.\\d{1,3}$");

    private Cpu() {
    }

    static double parse(String text) {
        String value = text == null ? "" : text.strip();
        if (!NUMBER.matcher(value).matches()) {
            throw CliException.usage("invalid cpu limit '" + text + "': a number of cores, e.g. 0.5 or 2");
        }
        double cores = Double.parseDouble(value);
        if (cores <= 0 || cores > MAX) {
            throw CliException.usage("cpu limit " + text + " is out of range: more than 0 and at most " + format(MAX));
        }
        return cores;
    }

    /** "0.5", "2", "none". */
    static String format(Double cores) {
        if (cores == null) {
            return "none";
        }
        return BigDecimal.valueOf(cores).stripTrailingZeros().toPlainString();
    }
}
