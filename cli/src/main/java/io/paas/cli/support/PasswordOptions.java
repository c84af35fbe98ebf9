package io.paas.cli.support;

import io.paas.cli.CliContext;
import picocli.CommandLine.Option;

import java.io.IOException;

/** A secret from --password, --password-stdin (first line of standard input) or the terminal's prompt. */
public class PasswordOptions {
    @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD",
            description = "password (visible to other users of this machine in the process list; prefer the prompt or --password-stdin)")
    String password;

    @Option(names = "--password-stdin", description = "read the password from the first line of standard input")
    boolean passwordStdin;

    public String read(CliContext ctx, boolean confirm) {
        String given = password;
        if (passwordStdin) {
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
