package io.paas.cli.ps;

import io.paas.cli.support.CliException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Process type names (as in a Procfile) and the TYPE=VALUE arguments of scale and limits:set. */
public final class ProcessTypes {
    private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_-]*$");

    private ProcessTypes() {
    }

    /** The name itself, or a usage error when it cannot be a Procfile process type. */
    public static String check(String type) {
        if (type == null || !NAME.matcher(type).matches()) {
            throw CliException.usage("invalid process type '" + type
                    + "': use letters, digits, - and _, as in the Procfile (e.g. web, worker)");
        }
        return type;
    }

    /**
     * TYPE=VALUE pairs in the order given, values not yet checked. shape ("TYPE=N") and example
     * ("web=2") are shown when an argument has no '='; a type given twice is an error, not a silent last-wins.
     */
    public static Map<String, String> assignments(List<String> args, String shape, String example) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw CliException.usage("expected " + shape + " (e.g. " + example + "), got '" + arg + "'");
            }
            String type = check(arg.substring(0, eq));
            if (values.put(type, arg.substring(eq + 1)) != null) {
                throw CliException.usage(type + " is given twice");
            }
        }
        return values;
    }
}
