package io.paas.cli.auth;

import io.paas.cli.CliContext;
import io.paas.cli.support.CliException;
import io.paas.cli.support.Durations;
import io.paas.cli.support.JsonCommand;
import io.paas.cli.support.Output;
import io.paas.cli.support.PasswordOptions;
import io.paas.cli.support.Session;
import io.paas.client.Api;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** auth:token, auth:tokens, auth:revoke and passwd: the tokens a user holds, and their password. */
public final class TokenCommands {
    private TokenCommands() {
    }

    @Command(name = "auth:token", mixinStandardHelpOptions = true,
            description = "Make a new API token (for scripts and CI) and print it; it is shown only once.")
    public static class NewToken extends JsonCommand {
        @Option(names = {"-d", "--description"}, paramLabel = "TEXT", description = "what the token is for")
        String description;

        @Option(names = "--expires-in", paramLabel = "DURATION",
                description = "the token stops working after this long: 30d, 12h, 90m (default: never)")
        String expiresIn;

        NewToken(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            Long seconds = expiresIn == null ? null : Durations.parse("--expires-in", expiresIn).toSeconds();
            Api.NewToken token = client().createToken(description, seconds);
            return printJsonOr(token, out -> {
                out.line(token.token());
                ctx.err().println("Token " + token.id() + (token.expiresAt() == null ? " does not expire"
                        : " expires " + Output.time(token.expiresAt())) + "; revoke it with: paas auth:revoke " + token.id());
            });
        }
    }

    @Command(name = "auth:tokens", mixinStandardHelpOptions = true, description = "List your API tokens (not their secrets).")
    public static class ListTokens extends JsonCommand {
        ListTokens(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            List<Api.Token> tokens = client().tokens();
            return printJsonOr(tokens, out -> out.table(List.of("ID", "DESCRIPTION", "CREATED", "EXPIRES", "LAST USED"),
                    tokens.stream().map(t -> List.of(t.id() + (t.current() ? " (this one)" : ""), t.description(),
                            Output.time(t.createdAt()), t.expiresAt() == null ? "never" : Output.time(t.expiresAt()),
                            t.lastUsedAt() == null ? "-" : Output.time(t.lastUsedAt()))).toList()));
        }
    }

    @Command(name = "auth:revoke", mixinStandardHelpOptions = true,
            description = "Revoke an API token: it stops working at once, on the API and for git pushes.")
    public static class Revoke implements Callable<Integer> {
        private final CliContext ctx;
        @Parameters(index = "0", paramLabel = "ID", description = "the token's id (see paas auth:tokens)")
        String id;

        Revoke(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            long number;
            try {
                number = Long.parseLong(id.strip());
            } catch (NumberFormatException e) {
                throw CliException.usage("a token id is a number (see paas auth:tokens), not '" + id + "'");
            }
            new Output(ctx.out()).action("Revoking token " + number, () -> Session.client(ctx).revokeToken(number));
            return 0;
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true,
            description = "Change your password; every other token of yours (other machines, auth:token) stops working.")
    public static class Passwd implements Callable<Integer> {
        private final CliContext ctx;
        @Option(names = "--current-password", paramLabel = "PASSWORD", description = "the current password (default: asked)")
        String currentPassword;
        /** The new password. */
        @Mixin
        PasswordOptions next;

        Passwd(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            String old = currentPassword;
            if (old == null) {
                if (ctx.console() == null) {
                    throw CliException.usage("no terminal to ask for the current password: use --current-password");
                }
                char[] typed = ctx.console().readPassword("Current password: ");
                old = typed == null ? "" : new String(typed);
            }
            String fresh = next.read(ctx, true);
            String oldPassword = old;
            new Output(ctx.out()).action("Changing the password", () -> Session.client(ctx).changePassword(oldPassword, fresh));
            ctx.out().println("Your other tokens were revoked; this machine stays logged in.");
            return 0;
        }
    }
}
