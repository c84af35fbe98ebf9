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
import java.util.Map;

/** router, router:set, tls:enforce, maintenance:on, maintenance:off: how the router serves an app. */
public final class RouterCommands {
    private RouterCommands() {
    }

    @Command(name = "router", mixinStandardHelpOptions = true, description = "Show an app's router settings.")
    public static class Show extends AppJsonCommand {
        Show(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String app = app();
            RouterView.print(out(), app, client().routerSettings(app), json());
            return 0;
        }
    }

    @Command(name = "router:set", mixinStandardHelpOptions = true,
            description = "Change router settings: connect-timeout=5s read-timeout=30s idle-timeout=60s max-body=10m "
                    + "balancing=least_requests|round_robin; KEY=default resets one.")
    public static class Set extends AppCommand {
        @Parameters(arity = "1..*", paramLabel = "KEY=VALUE")
        List<String> assignments;

        Set(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            Map<String, Object> changes = RouterValues.parse(assignments);
            String app = app();
            ControllerClient client = client();
            Output out = out();
            Api.RouterSettings settings = out.action("Updating router settings of " + app,
                    () -> client.patchRouterSettings(app, changes), s -> null);
            RouterView.print(out, app, settings, false);
            return 0;
        }
    }

    @Command(name = "tls:enforce", mixinStandardHelpOptions = true,
            description = "on: redirect HTTP to HTTPS and send HSTS; off: serve both.")
    public static class TlsEnforce extends AppCommand {
        @Parameters(index = "0", paramLabel = "on|off")
        String state;

        TlsEnforce(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            boolean on = switch (state.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "on" -> true;
                case "off" -> false;
                default -> throw CliException.usage("expected on or off, got '" + state + "'");
            };
            String app = app();
            ControllerClient client = client();
            out().action((on ? "Enforcing HTTPS for " : "Allowing plain HTTP for ") + app,
                    () -> client.patchRouterSettings(app, Map.of("tlsEnforce", on)), s -> null);
            return 0;
        }
    }

    @Command(name = "maintenance:on", mixinStandardHelpOptions = true,
            description = "Serve a 503 maintenance page instead of the app.")
    public static class MaintenanceOn extends Maintenance {
        MaintenanceOn(CliContext ctx) {
            super(ctx, true);
        }
    }

    @Command(name = "maintenance:off", mixinStandardHelpOptions = true, description = "Serve the app again.")
    public static class MaintenanceOff extends Maintenance {
        MaintenanceOff(CliContext ctx) {
            super(ctx, false);
        }
    }

    abstract static class Maintenance extends AppCommand {
        private final boolean on;

        Maintenance(CliContext ctx, boolean on) {
            super(ctx);
            this.on = on;
        }

        @Override
        public Integer call() {
            String app = app();
            ControllerClient client = client();
            out().action((on ? "Enabling" : "Disabling") + " maintenance mode for " + app,
                    () -> client.patchRouterSettings(app, Map.of("maintenance", on)), s -> null);
            return 0;
        }
    }
}
