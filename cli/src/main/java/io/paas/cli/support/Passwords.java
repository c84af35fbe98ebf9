package io.paas.cli.support;

import io.paas.cli.CliContext;

import java.io.IOException;

/** A secret from --password, --password-stdin (first line of standard input) or the terminal's prompt. */
public final class Passwords {
    private Passwords() {
    }

    public static String read(CliContext ctx, String given, boolean fromStdin, boolean confirm) {
        if (fromStdin) {
            if (given != null) {
                throw CliException.usage("give either --password or --password-stdin, not both");
            }
            try {
                String line = ctx.in().readLine();
                if (line == null || line.isEmpty()) {
                    throw new CliException("no password on standard input");
                }
                return line;
            } catch (IOException e) {
                throw new CliException("cannot read the password from standard input: " + e.getMessage());
            }
        }
        if (given != null) {
            return given;
        }
        if (ctx.console() == null) {
            throw CliException.usage("no terminal to ask for the password: use --password-stdin or --password");
        }
        String first = ask(ctx, "Password: ");
        if (confirm && !first.equals(ask(ctx, "Password (again): "))) {
            throw new CliException("the passwords do not match");
        }
        return first;
    }

    private static String ask(CliContext ctx, String prompt) {
        char[] typed = ctx.console().readPassword(prompt);
        if (typed == null || typed.length == 0) {
            throw new CliException("no password given");
        }
        return new String(typed);
    }
}
