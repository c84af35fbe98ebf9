package io.paas.cli.stacks;

import io.paas.cli.CliContext;
import io.paas.cli.support.AppCommand;
import io.paas.cli.support.AppJsonCommand;
import io.paas.client.Api;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * stack and stack:set, as on Heroku: the stack (Debian suite) an app's builds and its image are based on.
 * Setting it makes no release: the next push builds on it.
 */
public final class StackCommands {
    private StackCommands() {
    }

    @Command(name = "stack", mixinStandardHelpOptions = true,
            description = "Show an app's stack (marked *) and the stacks on this platform.")
    public static class Show extends AppJsonCommand {
        Show(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String app = app();
            Api.Stack stack = client().stack(app);
            return printJsonOr(stack, out -> {
                out.heading(app + " Available Stacks");
                for (String name : stack.available()) {
                    out.line((name.equals(stack.stack()) ? "* " : "  ") + name
                            + (name.equals(stack.defaultStack()) ? " (default)" : ""));
                }
                if (!stack.available().contains(stack.stack())) {
                    out.line("* " + stack.stack() + " (its images are no longer on this platform)");
                }
            });
        }
    }

    @Command(name = "stack:set", mixinStandardHelpOptions = true,
            description = {"Set the stack an app's next build runs on (e.g. trixie: Python 3.13, Java 21 and 25).",
                "Makes no release: push again to build on it."})
    public static class Set extends AppCommand {
        @Parameters(index = "0", paramLabel = "STACK", description = "a stack on this platform (see paas stack)")
        String stack;

        Set(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String app = app();
            Api.Stack set = out().action("Setting stack to " + stack.strip(), () -> client().setStack(app, stack),
                    ignored -> null);
            out().line("You will need to redeploy " + app + " for the change to take effect.");
            out().line("Run git push to trigger a new build on the " + set.stack() + " stack.");
            return 0;
        }
    }
}
