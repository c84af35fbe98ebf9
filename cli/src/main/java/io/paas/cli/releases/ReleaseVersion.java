package io.paas.cli.releases;

import io.paas.cli.support.CliException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A release version as users type it: "v3" (as paas releases shows it) or "3". */
final class ReleaseVersion {
    private static final Pattern VERSION = Pattern.compile("^[vV]?(\\d{1,9})$");

    private ReleaseVersion() {
    }

    static int parse(String text) {
        Matcher matcher = VERSION.matcher(text == null ? "" : text.strip());
        if (!matcher.matches() || Integer.parseInt(matcher.group(1)) < 1) {
            throw CliException.usage("invalid release version '" + text + "': expected vN or N, e.g. v3");
        }
        return Integer.parseInt(matcher.group(1));
    }
}
