package io.paas.cli.routing;

import io.paas.cli.CliContext;
import io.paas.cli.support.AppCommand;
import io.paas.cli.support.AppJsonCommand;
import io.paas.cli.support.CliException;
import io.paas.cli.support.Output;
import io.paas.client.Api;
import io.paas.client.ControllerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.regex.Pattern;

/** allowlist, allowlist:add, allowlist:remove: who may reach an app (empty = everyone). */
public final class AllowlistCommands {
    /** A quick shape check; the controller checks the address and prefix length exactly. */
    private static final Pattern CIDR_SHAPE = Pattern.compile("^[0-9a-fA-F:.]+(/\\d{1,3})?$");

    private AllowlistCommands() {
    }

    @Command(name = "allowlist", mixinStandardHelpOptions = true,
            description = "List the CIDRs allowed to reach an app (none: everyone may).")
    public static class Show extends AppJsonCommand {
        Show(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String app = app();
            List<String> allowlist = client().routerSettings(app).allowlist();
            return printJsonOr(allowlist, out -> print(out, app, allowlist));
        }
    }

    @Command(name = "allowlist:add", mixinStandardHelpOptions = true,
            description = "Allow a CIDR (1.2.3.0/24, 10.0.0.1, 2001:db8::/32); once the list has one, others get 403.")
    public static class Add extends CidrChange {
        Add(CliContext ctx) {
            super(ctx);
        }

        @Override
        String label(String cidr, String app) {
            return "Allowing " + cidr + " to reach " + app;
        }

        @Override
        Api.RouterSettings apply(ControllerClient client, String app, String cidr) {
            return client.allow(app, cidr);
        }
    }

    @Command(name = "allowlist:remove", mixinStandardHelpOptions = true, description = "Remove a CIDR from the allowlist.")
    public static class Remove extends CidrChange {
        Remove(CliContext ctx) {
            super(ctx);
        }

        @Override
        String label(String cidr, String app) {
            return "Removing " + cidr + " from the allowlist of " + app;
        }

        @Override
        Api.RouterSettings apply(ControllerClient client, String app, String cidr) {
            return client.disallow(app, cidr);
        }
    }

    /** allowlist:add and allowlist:remove: change one CIDR, then show the list as it is now. */
    abstract static class CidrChange extends AppCommand {
        @Parameters(index = "0", paramLabel = "CIDR")
        String cidr;

        CidrChange(CliContext ctx) {
            super(ctx);
        }

        abstract String label(String cidr, String app);

        abstract Api.RouterSettings apply(ControllerClient client, String app, String cidr);

        @Override
        public Integer call() {
            String checked = shape(cidr);
            String app = app();
            ControllerClient client = client();
            Output out = out();
            Api.RouterSettings settings = out.action(label(checked, app), () -> apply(client, app, checked), s -> null);
            print(out, app, settings.allowlist());
            return 0;
        }
    }

    private static void print(Output out, String app, List<String> allowlist) {
        out.heading(app + " Allowlist");
        if (allowlist == null || allowlist.isEmpty()) {
            out.line("(empty: everyone may reach " + app + ")");
            return;
        }
        allowlist.forEach(out::line);
    }

    private static String shape(String cidr) {
        String text = cidr.strip();
        if (!CIDR_SHAPE.matcher(text).matches()) {
            throw CliException.usage("expected an IPv4 or IPv6 CIDR like 1.2.3.0/24 or 2001:db8::/32, got '" + cidr + "'");
        }
        return text;
    }
}
