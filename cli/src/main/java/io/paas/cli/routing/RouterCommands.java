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
import java.util.Map;
import java.util.concurrent.Callable;

/** router, router:set, tls:enforce, maintenance:on, maintenance:off: how the router serves an app. */
public final class RouterCommands {
    private RouterCommands() {
    }

    @Command(name = "router", mixinStandardHelpOptions = true, description = "Show an app's router settings.")
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
            RouterView.print(new Output(ctx.out()), app, Session.client(ctx).routerSettings(app), json.enabled());
            return 0;
        }
    }

    @Command(name = "router:set", mixinStandardHelpOptions = true,
            description = "Change router settings: connect-timeout=5s read-timeout=30s idle-timeout=60s max-body=10m "
                    + "balancing=least_requests|round_robin; KEY=default resets one.")
    public static class Set implements Callable<Integer> {
        private final CliContext ctx;
        @Mixin
        AppOption appOption;

        @Parameters(arity = "1..*", paramLabel = "KEY=VALUE")
        List<String> assignments;

        Set(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Map<String, Object> changes = RouterValues.parse(assignments);
            String app = appOption.resolve(ctx);
            ControllerClient client = Session.client(ctx);
            Output out = new Output(ctx.out());
            Api.RouterSettings settings = out.action("Updating router settings of " + app,
                    () -> client.patchRouterSettings(app, changes), s -> null);
            RouterView.print(out, app, settings, false);
            return 0;
        }
    }

    @Command(name = "tls:enforce", mixinStandardHelpOptions = true,
            description = "on: redirect HTTP to HTTPS and send HSTS; off: serve both.")
    public static class TlsEnforce implements Callable<Integer> {
        private final CliContext ctx;
        @Mixin
        AppOption appOption;

        @Parameters(index = "0", paramLabel = "on|off")
        String state;

        TlsEnforce(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            boolean on = switch (state.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "on" -> true;
                case "off" -> false;
                default -> throw CliException.usage("expected on or off, got '" + state + "'");
            };
            String app = appOption.resolve(ctx);
            ControllerClient client = Session.client(ctx);
            new Output(ctx.out()).action((on ? "Enforcing HTTPS for " : "Allowing plain HTTP for ") + app,
                    () -> client.patchRouterSettings(app, Map.of("tlsEnforce", on)), s -> null);
            return 0;
        }
    }

    @Command(name = "maintenance:on", mixinStandardHelpOptions = true,
            description = "Serve a 503 maintenance page instead of the app.")
    public static class MaintenanceOn implements Callable<Integer> {
        private final CliContext ctx;
        @Mixin
        AppOption appOption;

        MaintenanceOn(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            return maintenance(ctx, appOption, true);
        }
    }

    @Command(name = "maintenance:off", mixinStandardHelpOptions = true, description = "Serve the app again.")
    public static class MaintenanceOff implements Callable<Integer> {
        private final CliContext ctx;
        @Mixin
        AppOption appOption;

        MaintenanceOff(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            return maintenance(ctx, appOption, false);
        }
    }

    private static int maintenance(CliContext ctx, AppOption appOption, boolean on) {
        String app = appOption.resolve(ctx);
        ControllerClient client = Session.client(ctx);
        new Output(ctx.out()).action((on ? "Enabling" : "Disabling") + " maintenance mode for " + app,
                () -> client.patchRouterSettings(app, Map.of("maintenance", on)), s -> null);
        return 0;
    }
}
