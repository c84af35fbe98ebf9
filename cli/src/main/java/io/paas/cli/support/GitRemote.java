package io.paas.cli.support;

/** A git remote of the work tree; `paas` is the name apps:create and git:remote give it, Heroku style: `git push paas main`. */
public record GitRemote(String name, String url) {
    public static final String NAME = "paas";

    /** The app this remote's URL names, or null when it has no `<base>/<app>.git` shape. */
    public String app() {
        return appFromUrl(url);
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
