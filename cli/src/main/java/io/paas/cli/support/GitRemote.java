package io.paas.cli.support;

/** The git remote that ties a work tree to its app, Heroku style: `git push paas main`. */
public final class GitRemote {
    public static final String NAME = "paas";

    private GitRemote() {
    }

    /** App name from a remote URL `<base>/<app>.git` (trailing slash tolerated); null when it has no such shape. */
    public static String appFromUrl(String url) {
        if (url == null) {
            return null;
        }
        String path = url.strip();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf(':'));
        String last = path.substring(slash + 1);
        if (!last.endsWith(".git") || last.length() == ".git".length()) {
            return null;
        }
        return last.substring(0, last.length() - ".git".length());
    }
}
