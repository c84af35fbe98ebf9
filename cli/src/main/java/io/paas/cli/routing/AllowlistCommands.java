package io.paas.cli.routing;

import io.paas.cli.CliContext;
import io.paas.cli.support.AppOption;
import io.paas.cli.support.CliException;
import io.paas.cli.support.JsonOption;
import io.paas.cli.support.Output;
import io.paas.cli.support.Session;
import io.paas.client.Api;
import io.paas.client.ControllerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

/** allowlist, allowlist:add, allowlist:remove: who may reach an app (empty = everyone). */
public final class AllowlistCommands {
    /** A quick shape check; the controller checks the address and prefix length exactly. */
    private static final Pattern CIDR_SHAPE = Pattern.compile("^[0-9a-fA-F:.]+(/\\d{1,3})?$");

    private AllowlistCommands() {
    }

    @Command(name = "allowlist", mixinStandardHelpOptions = true,
            description = "List the CIDRs allowed to reach an app (none: everyone may).")
    public static class Show implements Callable<Integer> {
        private final CliContext ctx;
        @Mixin
        AppOption appOption;
        @Mixin
        JsonOption json;

        Show(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            String app = appOption.resolve(ctx);
            List<String> allowlist = Session.client(ctx).routerSettings(app).allowlist();
            Output out = new Output(ctx.out());
            if (json.enabled()) {
                out.json(allowlist);
                return 0;
            }
            print(out, app, allowlist);
            return 0;
        }
    }

    @Command(name = "allowlist:add", mixinStandardHelpOptions = true,
            description = "Allow a CIDR (1.2.3.0/24, 10.0.0.1, 2001:db8::/32); once the list has one, others get 403.")
    public static class Add implements Callable<Integer> {
        private final CliContext ctx;
        @Mixin
        AppOption appOption;

        @Parameters(index = "0", paramLabel = "CIDR")
        String cidr;

        Add(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            String checked = shape(cidr);
            String app = appOption.resolve(ctx);
            ControllerClient client = Session.client(ctx);
            Output out = new Output(ctx.out());
            Api.RouterSettings settings = out.action("Allowing " + checked + " to reach " + app,
                    () -> client.allow(app, checked), s -> null);
            print(out, app, settings.allowlist());
            return 0;
        }
    }

    @Command(name = "allowlist:remove", mixinStandardHelpOptions = true, description = "Remove a CIDR from the allowlist.")
    public static class Remove implements Callable<Integer> {
        private final CliContext ctx;
        @Mixin
        AppOption appOption;

        @Parameters(index = "0", paramLabel = "CIDR")
        String cidr;

        Remove(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            String checked = shape(cidr);
            String app = appOption.resolve(ctx);
            ControllerClient client = Session.client(ctx);
            Output out = new Output(ctx.out());
            Api.RouterSettings settings = out.action("Removing " + checked + " from the allowlist of " + app,
                    () -> client.disallow(app, checked), s -> null);
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
