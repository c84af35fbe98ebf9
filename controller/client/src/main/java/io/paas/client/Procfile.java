package io.paas.client;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Procfile's process types (`web: cmd` lines), read the same way by the builder and the cli. */
public final class Procfile {
    private static final Pattern LINE = Pattern.compile("^([A-Za-z0-9_-]+):\\s*(.+)$");

    private Procfile() {
    }

    /** `type: command` lines in order; comments, blank lines and anything else are ignored. */
    public static Map<String, String> parse(List<String> lines) {
        Map<String, String> types = new LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = LINE.matcher(line.strip());
            if (!line.strip().startsWith("#") && m.matches()) {
                types.put(m.group(1), m.group(2).strip());
            }
        }
        return types;
    }
}
