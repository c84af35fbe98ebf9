package io.paas.cli.support;

import io.paas.cli.CliContext;

/** Heroku's guard on what cannot be undone: the app's name again, from --confirm or typed at the terminal. */
public final class Confirmation {
    private Confirmation() {
    }

    /**
     * Throws unless confirm (or, without it, what the user types after warning) is appName;
     * without a terminal and without --confirm it refuses, naming the command to run.
     */
    public static void require(CliContext ctx, String appName, String confirm, String warning, String what,
                               String command) {
        String given = confirm;
        if (given == null && ctx.console() != null) {
            ctx.out().println(warning);
            ctx.out().flush();
            String typed = ctx.console().readLine("To proceed, type %s: ", appName);
            given = typed == null ? null : typed.strip();
        }
        if (!appName.equals(given)) {
            throw new CliException("confirmation did not match " + appName + ": " + what + ". To proceed, run: "
                    + command + " -a " + appName + " --confirm " + appName);
        }
    }
}
