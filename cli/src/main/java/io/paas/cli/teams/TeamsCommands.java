package io.paas.cli.teams;

import io.paas.cli.CliContext;
import io.paas.cli.support.CliException;
import io.paas.cli.support.JsonCommand;
import io.paas.client.Api;
import io.paas.client.ControllerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/** teams, teams:create, teams:destroy, teams:members, teams:members:add, teams:members:remove. */
public final class TeamsCommands {
    private TeamsCommands() {
    }

    @Command(name = "teams", mixinStandardHelpOptions = true, description = "List your teams and your role in each.")
    public static class ListTeams extends JsonCommand {
        ListTeams(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            List<Api.Team> teams = client().teams();
            return printJsonOr(teams, out -> {
                if (teams.isEmpty()) {
                    out.line("You are in no team. Create one with: paas teams:create NAME");
                    return;
                }
                out.table(List.of("TEAM", "ROLE"), teams.stream()
                        .map(t -> List.of(t.name(), t.role() == null ? "-" : t.role())).toList());
            });
        }
    }

    @Command(name = "teams:create", mixinStandardHelpOptions = true,
            description = "Create a team; you become its admin. Create its apps with paas apps:create --team NAME.")
    public static class Create extends JsonCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "the team's name")
        String name;

        Create(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ControllerClient client = client();
            if (json()) {
                return printJsonOr(client.createTeam(name), out -> { });
            }
            out().action("Creating team " + name, () -> client.createTeam(name), team -> null);
            return 0;
        }
    }

    @Command(name = "teams:destroy", mixinStandardHelpOptions = true,
            description = "Delete a team that owns no apps (team admins).")
    public static class Destroy extends JsonCommand {
        @Parameters(index = "0", paramLabel = "NAME", description = "the team's name")
        String name;
        @Option(names = "--confirm", paramLabel = "NAME", description = "the team's name again")
        String confirm;

        Destroy(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            if (!name.equals(confirm)) {
                throw new CliException("to delete team " + name + ", run: paas teams:destroy " + name + " --confirm " + name);
            }
            ControllerClient client = client();
            out().action("Deleting team " + name, () -> client.destroyTeam(name));
            return 0;
        }
    }

    @Command(name = "teams:members", mixinStandardHelpOptions = true, description = "List a team's members and their roles.")
    public static class Members extends JsonCommand {
        @Parameters(index = "0", paramLabel = "TEAM", description = "the team's name")
        String team;

        Members(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            List<Api.TeamMember> members = client().teamMembers(team);
            return printJsonOr(members, out -> out.table(List.of("USER", "ROLE"),
                    members.stream().map(m -> List.of(m.username(), m.role())).toList()));
        }
    }

    @Command(name = "teams:members:add", aliases = "teams:members:set", mixinStandardHelpOptions = true,
            description = "Add a user to a team, or change their role (team admins).")
    public static class AddMember extends JsonCommand {
        @Parameters(index = "0", paramLabel = "USER", description = "the user's name")
        String username;
        @Option(names = {"-t", "--team"}, required = true, paramLabel = "TEAM", description = "the team")
        String team;
        @Option(names = "--role", paramLabel = "ROLE", description = "admin or member (default: member)")
        String role;

        AddMember(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ControllerClient client = client();
            if (json()) {
                return printJsonOr(client.putTeamMember(team, username, role), out -> { });
            }
            out().action("Adding " + username + " to team " + team,
                    () -> client.putTeamMember(team, username, role), m -> "as " + m.role());
            return 0;
        }
    }

    @Command(name = "teams:members:remove", mixinStandardHelpOptions = true,
            description = "Take a user off a team (team admins; a member may leave).")
    public static class RemoveMember extends JsonCommand {
        @Parameters(index = "0", paramLabel = "USER", description = "the user's name")
        String username;
        @Option(names = {"-t", "--team"}, required = true, paramLabel = "TEAM", description = "the team")
        String team;

        RemoveMember(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ControllerClient client = client();
            out().action("Removing " + username + " from team " + team, () -> client.removeTeamMember(team, username));
            return 0;
        }
    }
}
