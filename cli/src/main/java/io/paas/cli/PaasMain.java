package io.paas.cli;

import io.paas.cli.support.CliException;
import io.paas.client.ApiException;
import picocli.CommandLine;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;

/** Entry point of the `paas` command. Errors become one "error: ..." line and an exit code, never a stack trace. */
public final class PaasMain {
    private PaasMain() {
    }

    public static void main(String[] args) {
        CliContext ctx = new CliContext(
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)),
                new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8),
                System.getenv(), Paths.get("").toAbsolutePath(), System.console(), System.in, System.out, System.err);
        System.exit(run(ctx, args));
    }

    /** Runs one command line in this JVM; tests call this with their own context. */
    public static int run(CliContext ctx, String... args) {
        CommandLine commandLine = commands(ctx)
                .setOut(ctx.out())
                .setErr(ctx.err())
                .setExecutionExceptionHandler((e, cmd, parsed) -> failed(ctx, e, cmd))
                .setParameterExceptionHandler((e, ignoredArgs) -> usageError(ctx, e));
        try {
            return commandLine.execute(args);
        } finally {
            ctx.out().flush();
            ctx.err().flush();
        }
    }

    /** Every command, built for this context: run() executes one; tests walk them all (every leaf must have a rule). */
    public static CommandLine commands(CliContext ctx) {
        CommandLine commands = new CommandLine(new PaasCommand(), new CommandFactory(ctx));
        // paas run ls -la -a APP, as Heroku's run: its own options (-a, --detach) anywhere, other
        // words the command's (after --, all of them)
        commands.getSubcommands().get("run").setUnmatchedOptionsArePositionalParams(true);
        return commands;
    }

    private static int failed(CliContext ctx, Exception e, CommandLine cmd) {
        ctx.out().flush();
        if (e instanceof CliException cli) {
            ctx.err().println("error: " + cli.getMessage());
            if (cli.exitCode() == CliException.USAGE) {
                ctx.err().println(helpHint(cmd));
            }
            return cli.exitCode();
        }
        if (e instanceof ApiException api) {
            String hint = api.status() == 401 && !isLogin(cmd) ? " (run paas login URL --username NAME to log in again)" : "";
            ctx.err().println("error: " + api.getMessage() + hint);
            return CliException.FAILURE;
        }
        String message = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        ctx.err().println("error: " + message);
        return CliException.FAILURE;
    }

    private static int usageError(CliContext ctx, CommandLine.ParameterException e) {
        ctx.out().flush();
        ctx.err().println("error: " + message(e));
        CommandLine.UnmatchedArgumentException.printSuggestions(e, ctx.err());
        ctx.err().println(helpHint(e.getCommandLine()));
        return CliException.USAGE;
    }

    /** picocli says "Unmatched argument at index 0: 'confg'" where a user expects "unknown command". */
    private static String message(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched
                && e.getCommandLine().getCommandSpec().parent() == null
                && !unmatched.getUnmatched().isEmpty()
                && !unmatched.getUnmatched().get(0).startsWith("-")) {
            return "unknown command '" + unmatched.getUnmatched().get(0) + "'";
        }
        return e.getMessage();
    }

    private static String helpHint(CommandLine cmd) {
        return "Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.";
    }

    private static boolean isLogin(CommandLine cmd) {
        String name = cmd.getCommandName();
        return name.equals("login") || name.equals("register");
    }
}
