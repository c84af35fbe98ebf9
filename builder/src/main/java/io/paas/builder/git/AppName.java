package io.paas.builder.git;

import java.util.regex.Pattern;

/** App names as the controller allows them; anything else never reaches the file system. */
public final class AppName {
    private static final Pattern VALID = Pattern.compile("^[a-z][a-z0-9-]{1,29}$");

    private AppName() {
    }

    /** "myapp.git" or "/myapp.git/info/refs" -> "myapp"; null when the path names no valid app. */
    public static String fromPath(String path) {
        if (path == null) {
            return null;
        }
        String rest = path.startsWith("/") ? path.substring(1) : path;
        int slash = rest.indexOf('/');
        String first = slash < 0 ? rest : rest.substring(0, slash);
        if (!first.endsWith(".git")) {
            return null;
        }
        String name = first.substring(0, first.length() - ".git".length());
        return isValid(name) ? name : null;
    }

    /**
     * The app of a repository path as an SSH git client names it ("myapp.git", "/myapp.git", with a
     * trailing slash at most); null for anything else ("../x.git", "/srv/myapp.git", "myapp.git/..").
     */
    public static String fromRepositoryPath(String path) {
        if (path == null) {
            return null;
        }
        String rest = path.startsWith("/") ? path.substring(1) : path;
        rest = rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
        if (rest.contains("/") || !rest.endsWith(".git")) {
            return null;
        }
        String name = rest.substring(0, rest.length() - ".git".length());
        return isValid(name) ? name : null;
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches() && !name.endsWith("-");
    }
}
