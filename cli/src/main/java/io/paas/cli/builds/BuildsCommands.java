package io.paas.cli.builds;

import io.paas.cli.CliContext;
import io.paas.cli.support.AppCommand;
import io.paas.cli.support.Confirmation;
import io.paas.client.ControllerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** builds:cache:purge, as Heroku's builds plugin names it. */
public final class BuildsCommands {
    private BuildsCommands() {
    }

    @Command(name = "builds:cache:purge", mixinStandardHelpOptions = true,
            description = "Empty an app's build cache: its next build starts cold (downloads runtimes and dependencies again).")
    public static class CachePurge extends AppCommand {
        @Option(names = "--confirm", paramLabel = "APP", description = "the app name again, to confirm")
        String confirm;

        CachePurge(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String app = app();
            Confirmation.require(ctx, app, confirm, "This empties the build cache of " + app
                    + "; its next build downloads everything again.", "this empties its build cache",
                    "paas builds:cache:purge");
            ControllerClient client = client();
            out().action("Purging the build cache of " + app, () -> client.purgeBuildCache(app));
            return 0;
        }
    }
}
