package io.paas.cli.support;

/** Quoting for sh, where the CLI writes text a shell reads back (config -s, git's credential helper). */
public final class Shell {
    private Shell() {
    }

    /** The text in single quotes, each ' as '\'': sh reads back the exact text, $ ` \ and newlines included. */
    public static String quote(String text) {
        return "'" + (text == null ? "" : text.replace("'", "'\\''")) + "'";
    }
}
