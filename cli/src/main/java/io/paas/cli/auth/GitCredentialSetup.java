package io.paas.cli.auth;

import io.paas.cli.CliContext;
import io.paas.cli.support.CliException;
import io.paas.cli.support.Executables;
import io.paas.cli.support.Git;
import io.paas.cli.support.Shell;

/**
 * Makes `git push` to the builder authenticate with the API token, without the token in any URL:
 * this CLI becomes git's credential helper for the builder URL (and only for it).
 */
public class GitCredentialSetup {
    private final CliContext ctx;
    private final Git git;

    GitCredentialSetup(CliContext ctx) {
        this.ctx = ctx;
        this.git = new Git(ctx);
    }

    void configure(String builderUrl, String username) {
        String launcher = launcher();
        String section = "credential." + builderUrl;
        // Unset first so logging in again does not pile up helpers. The empty helper resets the list,
        // so a general helper (e.g. credential.helper=store) cannot answer first with a stale password.
        git.run("config", "--global", "--unset-all", section + ".helper");
        git.runOrFail("config", "--global", "--add", section + ".helper", "");
        git.runOrFail("config", "--global", "--add", section + ".helper", helper(launcher));
        git.runOrFail("config", "--global", section + ".username", username);
    }

    /**
     * The helper git runs with "get", "store" or "erase" appended. Only get needs the CLI: store and
     * erase do nothing (the token lives in the CLI's config), and git asks to store after every push
     * it authenticated, so answering them in the shell spares each push a JVM start (~0.5 s, seconds
     * on a busy machine).
     */
    public static String helper(String launcher) {
        return "!f() { test \"$1\" = get || exit 0; exec " + Shell.quote(launcher) + " git-credential \"$@\"; }; f";
    }

    /** The path of the `paas` launcher, for git to run; PAAS_LAUNCHER is set by the launcher itself. */
    private String launcher() {
        String fromEnv = ctx.env("PAAS_LAUNCHER");
        if (fromEnv != null) {
            return fromEnv;
        }
        String onPath = Executables.onPath(ctx, "paas");
        if (onPath != null) {
            return onPath;
        }
        throw new CliException("cannot find the paas launcher to register as git credential helper: "
                + "run paas through its launcher script (cli/paas), put it on your PATH, or set PAAS_LAUNCHER");
    }
}
