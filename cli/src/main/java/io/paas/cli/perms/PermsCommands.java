package io.paas.cli.perms;

import io.paas.cli.CliContext;
import io.paas.cli.support.AppCommand;
import io.paas.cli.support.AppJsonCommand;
import io.paas.cli.support.Output;
import io.paas.client.Api;
import io.paas.client.ControllerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/** perms, perms:add, perms:remove (Heroku's access commands, also by those names) and apps:transfer. */
public final class PermsCommands {
    private PermsCommands() {
    }

    @Command(name = "perms", aliases = "access", mixinStandardHelpOptions = true,
            description = "List who may work on an app: its owner (or team) and its collaborators.")
    public static class ListPerms extends AppJsonCommand {
        ListPerms(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String appName = app();
            ControllerClient client = client();
            Api.App app = client.app(appName).app();
            List<Api.Collaborator> collaborators = client.collaborators(appName);
            return printJsonOr(collaborators, out -> {
                out.heading(appName + " access");
                out.line((app.team() != null ? "team " : "") + app.owner() + "  owner");
                collaborators.forEach(c -> out.line(c.username() + "  collaborator"));
            });
        }
    }

    @Command(name = "perms:add", aliases = "access:add", mixinStandardHelpOptions = true,
            description = "Let a user deploy and operate an app (not destroy or transfer it).")
    public static class Add extends AppCommand {
        @Parameters(index = "0", paramLabel = "USER", description = "the user's name")
        String username;

        Add(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String appName = app();
            ControllerClient client = client();
            out().action("Adding " + username + " to " + appName + " collaborators",
                    () -> client.addCollaborator(appName, username));
            return 0;
        }
    }

    @Command(name = "perms:remove", aliases = "access:remove", mixinStandardHelpOptions = true,
            description = "Take a collaborator off an app (a collaborator may remove themself).")
    public static class Remove extends AppCommand {
        @Parameters(index = "0", paramLabel = "USER", description = "the user's name")
        String username;

        Remove(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String appName = app();
            ControllerClient client = client();
            out().action("Removing " + username + " from " + appName + " collaborators",
                    () -> client.removeCollaborator(appName, username));
            return 0;
        }
    }

    @Command(name = "apps:transfer", mixinStandardHelpOptions = true,
            description = "Give an app to another user (you stay a collaborator) or to one of your teams.")
    public static class Transfer extends AppCommand {
        @Parameters(index = "0", paramLabel = "RECIPIENT", description = "a user's or a team's name")
        String recipient;

        Transfer(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String appName = app();
            ControllerClient client = client();
            Api.App app = out().action("Transferring " + appName + " to " + recipient,
                    () -> client.transfer(appName, recipient), done -> null);
            new Output(ctx.out()).line("Owner: " + app.owner());
            return 0;
        }
    }
}
