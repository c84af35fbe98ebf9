package io.paas.cli.users;

import io.paas.cli.CliContext;
import io.paas.cli.support.CliException;
import io.paas.cli.support.JsonCommand;
import io.paas.cli.support.Output;
import io.paas.cli.support.PasswordOptions;
import io.paas.cli.support.Session;
import io.paas.client.Api;
import io.paas.client.ControllerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * What platform admins do: users, users:add, users:disable, users:enable, users:admin, users:passwd, users:delete,
 * registration, quotas.
 */
public final class UsersCommands {
    private UsersCommands() {
    }

    @Command(name = "users", mixinStandardHelpOptions = true, description = "List the platform's users (admins).")
    public static class ListUsers extends JsonCommand {
        ListUsers(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            List<Api.Account> users = client().users();
            return printJsonOr(users, out -> out.table(List.of("USER", "ADMIN", "DISABLED", "APPS", "CREATED"),
                    users.stream().map(u -> List.of(u.username(), u.admin() ? "yes" : "", u.disabled() ? "yes" : "",
                            Integer.toString(u.apps()), Output.time(u.createdAt()))).toList()));
        }
    }

    @Command(name = "users:add", mixinStandardHelpOptions = true,
            description = "Register a user while registration is closed (admins); you stay logged in as yourself.")
    public static class Add extends JsonCommand {
        @Parameters(index = "0", paramLabel = "USER", description = "the new user's name")
        String username;
        @Mixin
        PasswordOptions password;

        Add(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String secret = password.read(ctx, true);
            ControllerClient client = client();
            Api.Session session = out().action("Registering " + username, () -> client.addUser(username, secret), s -> null);
            if (json()) {
                printJsonOr(new Api.User(session.username(), false), out -> { });
            }
            return 0;
        }
    }

    @Command(name = "users:disable", mixinStandardHelpOptions = true,
            description = "Stop a user's tokens and SSH keys at once (admins); their apps keep running.")
    public static class Disable extends Change {
        Disable(CliContext ctx) {
            super(ctx, "Disabling", new Api.AccountChange(null, true));
        }
    }

    @Command(name = "users:enable", mixinStandardHelpOptions = true, description = "Let a disabled user in again (admins).")
    public static class Enable extends Change {
        Enable(CliContext ctx) {
            super(ctx, "Enabling", new Api.AccountChange(null, false));
        }
    }

    @Command(name = "users:admin", mixinStandardHelpOptions = true,
            description = "Make a user a platform admin, or (--revoke) no longer one (admins).")
    public static class Admin extends JsonCommand {
        @Parameters(index = "0", paramLabel = "USER", description = "the user's name")
        String username;
        @Option(names = "--revoke", description = "take admin rights away instead")
        boolean revoke;

        Admin(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ControllerClient client = client();
            Api.AccountChange change = new Api.AccountChange(!revoke, null);
            out().action((revoke ? "Revoking admin rights of " : "Making ") + username + (revoke ? "" : " an admin"),
                    () -> client.changeUser(username, change), a -> null);
            return 0;
        }
    }

    @Command(name = "users:passwd", mixinStandardHelpOptions = true,
            description = "Set another user's password (admins); every token of theirs stops working, as paas passwd "
                    + "does for your own.")
    public static class Passwd implements Callable<Integer> {
        private final CliContext ctx;
        @Parameters(index = "0", paramLabel = "USER", description = "the user's name")
        String username;
        /** The new password: asked twice, or --password-stdin, or --password. */
        @Mixin
        PasswordOptions password;

        Passwd(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            String secret = password.read(ctx, true);
            new Output(ctx.out()).action("Setting the password of " + username,
                    () -> Session.client(ctx).resetPassword(username, secret));
            ctx.out().println(username + "'s tokens were revoked: they log in again with the new password.");
            return 0;
        }
    }

    abstract static class Change extends JsonCommand {
        @Parameters(index = "0", paramLabel = "USER", description = "the user's name")
        String username;
        private final String verb;
        private final Api.AccountChange change;

        Change(CliContext ctx, String verb, Api.AccountChange change) {
            super(ctx);
            this.verb = verb;
            this.change = change;
        }

        @Override
        public Integer call() {
            ControllerClient client = client();
            if (json()) {
                return printJsonOr(client.changeUser(username, change), out -> { });
            }
            out().action(verb + " " + username, () -> client.changeUser(username, change), a -> null);
            return 0;
        }
    }

    @Command(name = "users:delete", mixinStandardHelpOptions = true,
            description = "Delete a user (admins): refused while they own apps, unless --transfer-to gives them to another user.")
    public static class Delete extends JsonCommand {
        @Parameters(index = "0", paramLabel = "USER", description = "the user's name")
        String username;
        @Option(names = "--transfer-to", paramLabel = "USER", description = "who gets the user's apps")
        String transferTo;
        @Option(names = "--confirm", paramLabel = "USER", description = "the user's name again")
        String confirm;

        Delete(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            if (!username.equals(confirm)) {
                throw new CliException("to delete user " + username + ", run: paas users:delete " + username
                        + (transferTo == null ? "" : " --transfer-to " + transferTo) + " --confirm " + username);
            }
            ControllerClient client = client();
            out().action("Deleting user " + username, () -> client.deleteUser(username, transferTo));
            return 0;
        }
    }

    @Command(name = "admin:registration", mixinStandardHelpOptions = true,
            description = "Show whether anyone may register, or set it: open or closed (admins).")
    public static class Registration extends JsonCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "MODE", description = "open or closed")
        String mode;

        Registration(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ControllerClient client = client();
            Api.RegistrationMode now = mode == null ? client.registration() : client.setRegistration(mode.strip().toLowerCase(Locale.ROOT));
            return printJsonOr(now, out -> out.line("Registration is " + now.mode()
                    + (now.mode().equals("closed") ? ": admins add users with paas users:add" : "")));
        }
    }

    /** --user U or --team T: whose quota. */
    static class Owner {
        @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "a user's quota (default: yours)")
        String user;
        @Option(names = {"-t", "--team"}, paramLabel = "TEAM", description = "a team's quota")
        String team;

        String kind() {
            return team != null ? "teams" : "users";
        }

        String name(ControllerClient client) {
            if (team != null && user != null) {
                throw CliException.usage("give --user or --team, not both");
            }
            return team != null ? team : user != null ? user : client.whoami().username();
        }
    }

    @Command(name = "quotas", mixinStandardHelpOptions = true, description = "Show a user's or a team's quota and usage.")
    public static class Show extends JsonCommand {
        @Mixin
        Owner owner;

        Show(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ControllerClient client = client();
            String name = owner.name(client);
            Api.QuotaView quota = client.quota(owner.kind(), name);
            return printJsonOr(quota, out -> print(out, name, quota));
        }
    }

    @Command(name = "quotas:set", mixinStandardHelpOptions = true,
            description = "Set a user's or a team's quota (admins): apps=N processes=N memory=SIZE, none for no limit.")
    public static class Set extends JsonCommand {
        @Mixin
        Owner owner;
        @Parameters(index = "0..*", arity = "1..*", paramLabel = "LIMIT=VALUE", description = "apps=10 processes=20 memory=4G")
        List<String> limits;

        Set(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ControllerClient client = client();
            String name = owner.name(client);
            Api.QuotaChange current = client.quota(owner.kind(), name).limits();
            Integer apps = current.apps();
            Integer processes = current.processes();
            Integer memory = current.memoryMb();
            for (String limit : limits) {
                int eq = limit.indexOf('=');
                String key = eq < 0 ? limit : limit.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                String value = eq < 0 ? "" : limit.substring(eq + 1).strip();
                switch (key) {
                    case "apps" -> apps = count(limit, value);
                    case "processes" -> processes = count(limit, value);
                    case "memory" -> memory = megabytes(limit, value);
                    default -> throw CliException.usage("unknown limit '" + limit + "': give apps=N, processes=N or memory=SIZE");
                }
            }
            Api.QuotaView quota = client.setQuota(owner.kind(), name, new Api.QuotaChange(apps, processes, memory));
            return printJsonOr(quota, out -> print(out, name, quota));
        }

        private static Integer count(String limit, String value) {
            if (value.equals("none")) {
                return null;
            }
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw CliException.usage("'" + limit + "' needs a number or none");
            }
        }

        private static Integer megabytes(String limit, String value) {
            if (value.equals("none")) {
                return null;
            }
            var m = java.util.regex.Pattern.compile("^(\\d{1,7})([MmGg])?$").matcher(value);
            if (!m.matches()) {
                throw CliException.usage("'" + limit + "' needs a size like 512M or 4G, or none");
            }
            int n = Integer.parseInt(m.group(1));
            return m.group(2) != null && m.group(2).equalsIgnoreCase("g") ? n * 1024 : n;
        }
    }

    private static void print(Output out, String name, Api.QuotaView quota) {
        out.heading(name + " quota");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Apps", quota.usage().apps() + " of " + or(quota.limits().apps()));
        fields.put("Processes", quota.usage().processes() + " of " + or(quota.limits().processes()));
        fields.put("Memory", quota.usage().memoryMb() + "M of " + (quota.limits().memoryMb() == null ? "no limit"
                : quota.limits().memoryMb() + "M"));
        out.keyValues(fields);
    }

    private static String or(Integer limit) {
        return limit == null ? "no limit" : limit.toString();
    }
}
