package io.paas.builder.build;

import io.paas.client.Procfile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Process types of a built app: the buildpack's default_process_types, overridden by the Procfile. */
public final class ProcessTypes {
    private static final Pattern YAML_ENTRY = Pattern.compile("^\\s+([A-Za-z0-9_-]+):\\s*(.*)$");

    private ProcessTypes() {
    }

    public static Map<String, String> of(Path appDir) throws IOException {
        Map<String, String> types = new LinkedHashMap<>();
        Path release = appDir.resolve(".paas/release.yml");
        if (Files.isRegularFile(release)) {
            types.putAll(defaultProcessTypes(Files.readAllLines(release)));
        }
        Path procfile = appDir.resolve("Procfile");
        if (Files.isRegularFile(procfile)) {
            types.putAll(Procfile.parse(Files.readAllLines(procfile)));
        }
        return types;
    }

    /** The indented entries under `default_process_types:` of a bin/release YAML answer. */
    static Map<String, String> defaultProcessTypes(List<String> lines) {
        Map<String, String> types = new LinkedHashMap<>();
        boolean inside = false;
        for (String line : lines) {
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            if (!Character.isWhitespace(line.charAt(0))) {
                inside = line.strip().startsWith("default_process_types:");
                continue;
            }
            Matcher m = YAML_ENTRY.matcher(line);
            if (inside && m.matches() && !m.group(2).isBlank()) {
                types.put(m.group(1), unquote(m.group(2).strip()));
            }
        }
        return types;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            String inner = value.substring(1, value.length() - 1);
            return value.startsWith("\"") ? inner.replace("\\\"", "\"").replace("\\\\", "\\") : inner.replace("''", "'");
        }
        return value;
    }
}
