package io.paas.cli.config;

import io.paas.cli.support.CliException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Parsing and checking of config var names and KEY=VALUE arguments. */
final class ConfigVars {
    private static final Pattern NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

    private ConfigVars() {
    }

    static String checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw CliException.usage("invalid config var name '" + name
                    + "': use letters, digits and _, not starting with a digit");
        }
        return name;
    }

    /** KEY=VALUE pairs in the order given; the value may be empty and may contain '='. */
    static Map<String, String> parseAssignments(List<String> args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                throw CliException.usage("expected KEY=VALUE, got '" + arg + "'");
            }
            values.put(checkName(arg.substring(0, eq)), arg.substring(eq + 1));
        }
        return values;
    }

    /** "A", "A and B", "A, B and C", as Heroku says it. */
    static String names(Iterable<String> keys) {
        List<String> list = new java.util.ArrayList<>();
        keys.forEach(list::add);
        if (list.size() <= 1) {
            return String.join("", list);
        }
        return String.join(", ", list.subList(0, list.size() - 1)) + " and " + list.get(list.size() - 1);
    }
}
