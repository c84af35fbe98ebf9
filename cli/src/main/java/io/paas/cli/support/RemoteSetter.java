package io.paas.cli.support;

/** Points a git remote at an app's git URL (apps:create, git:remote) and says what it did. */
public final class RemoteSetter {
    private RemoteSetter() {
    }

    /** Checked before anything is created, so a bad name fails first; git checks the finer rules. */
    public static String checkName(String name) {
        if (name == null || name.isBlank() || name.startsWith("-") || name.chars().anyMatch(c -> c <= ' ')) {
            throw CliException.usage("invalid git remote name '" + name + "'");
        }
        return name;
    }

    /** Adds or updates the remote; answers "Git remote paas added: URL" (or "updated"). */
    public static String set(Git git, String name, String gitUrl) {
        checkName(name);
        boolean existed = git.setRemote(name, gitUrl);
        return "Git remote " + name + (existed ? " updated" : " added") + ": " + gitUrl;
    }
}
