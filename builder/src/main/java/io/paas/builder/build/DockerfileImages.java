package io.paas.builder.build;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The images a Dockerfile makes the engine pull: every FROM, COPY --from and RUN --mount from=
 * that names an image rather than an earlier stage. The controller checks each against what the
 * pushing user may reach before the engine sees the Dockerfile. ARGs declared before the first FROM
 * (and build args) are substituted as the engine would; a reference it cannot resolve is kept as
 * written, so the check sees it.
 */
public final class DockerfileImages {
    private static final Pattern ARG = Pattern.compile("^ARG\\s+([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$", Pattern.CASE_INSENSITIVE);
    private static final Pattern FROM = Pattern.compile("^FROM\\s+(?:--platform=\\S+\\s+)?(\\S+)(?:\\s+AS\\s+(\\S+))?\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern COPY_FROM = Pattern.compile("^COPY\\s.*?--from=(\\S+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern MOUNT_FROM = Pattern.compile("--mount=\\S*?\\bfrom=([^,\\s]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private DockerfileImages() {
    }

    public static List<String> referenced(List<String> dockerfile, Map<String, String> buildArgs) {
        Map<String, String> args = new HashMap<>();
        Set<String> stages = new HashSet<>();
        List<String> images = new ArrayList<>();
        boolean sawFrom = false;
        for (String line : instructions(dockerfile)) {
            Matcher arg = ARG.matcher(line);
            if (arg.matches() && !sawFrom) {
                String name = arg.group(1);
                args.put(name, buildArgs.getOrDefault(name, arg.group(2) == null ? "" : unquote(arg.group(2).strip())));
                continue;
            }
            Matcher from = FROM.matcher(line);
            if (from.matches()) {
                sawFrom = true;
                addImage(substitute(from.group(1), args), stages, images);
                if (from.group(2) != null) {
                    stages.add(from.group(2).toLowerCase(Locale.ROOT));
                }
                continue;
            }
            Matcher copy = COPY_FROM.matcher(line);
            if (copy.find()) {
                addImage(substitute(copy.group(1), args), stages, images);
            }
            if (line.regionMatches(true, 0, "RUN", 0, 3)) {
                Matcher mount = MOUNT_FROM.matcher(line);
                while (mount.find()) {
                    addImage(substitute(mount.group(1), args), stages, images);
                }
            }
        }
        return images;
    }

    private static void addImage(String reference, Set<String> stages, List<String> images) {
        String name = unquote(reference);
        // a stage by name or index, or no image at all
        if (name.isEmpty() || name.equalsIgnoreCase("scratch") || stages.contains(name.toLowerCase(Locale.ROOT))
                || name.chars().allMatch(Character::isDigit) || images.contains(name)) {
            return;
        }
        images.add(name);
    }

    /** Logical lines: continuations joined, comments and blank lines dropped. */
    static List<String> instructions(List<String> lines) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : lines) {
            String line = raw.strip();
            if (current.isEmpty() && (line.isEmpty() || line.startsWith("#"))) {
                continue;
            }
            if (line.startsWith("#")) {
                continue;
            }
            if (line.endsWith("\\")) {
                current.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            current.append(line);
            out.add(current.toString().strip());
            current.setLength(0);
        }
        if (!current.isEmpty()) {
            out.add(current.toString().strip());
        }
        return out;
    }

    private static String substitute(String value, Map<String, String> args) {
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(3);
            String replacement = args.get(name);
            if (replacement == null || replacement.isEmpty()) {
                replacement = m.group(2) != null ? m.group(2) : replacement == null ? m.group() : "";
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String unquote(String value) {
        return value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'")) ? value.substring(1, value.length() - 1) : value;
    }
}
