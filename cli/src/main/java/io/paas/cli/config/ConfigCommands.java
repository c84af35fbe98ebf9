package io.paas.cli.config;

import io.paas.cli.CliContext;
import io.paas.cli.support.AppCommand;
import io.paas.cli.support.AppJsonCommand;
import io.paas.cli.support.CliException;
import io.paas.cli.support.Output;
import io.paas.cli.support.Shell;
import io.paas.client.Api;
import io.paas.client.ControllerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** config, config:get, config:set, config:unset: an app's environment variables. */
public final class ConfigCommands {
    private ConfigCommands() {
    }

    @Command(name = "config", mixinStandardHelpOptions = true,
            description = "Show an app's config vars; -s in shell format (KEY='value'), --json as one flat object.")
    public static class Show extends AppJsonCommand {
        @Option(names = {"-s", "--shell"}, description = "print KEY='value' lines, quoted for sh (e.g. to source into a .env)")
        boolean shell;

        Show(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            if (shell && json()) {
                throw CliException.usage("give either -s or --json, not both");
            }
            String app = app();
            Api.Config config = client().config(app);
            Map<String, String> values = new TreeMap<>(config.values() == null ? Map.of() : config.values());
            if (shell) {
                values.forEach((key, value) -> ctx.out().println(key + "=" + Shell.quote(value)));
                return 0;
            }
            // --json as Heroku prints it: {"KEY": "value"}, no wrapper around the values.
            return printJsonOr(values, out -> {
                out.heading(app + " Config Vars");
                out.keyValues(values);
            });
        }
    }

    @Command(name = "config:get", mixinStandardHelpOptions = true,
            description = "Print one config var's value (exit code 1 when it is not set).")
    public static class Get extends AppCommand {
        @Parameters(index = "0", paramLabel = "KEY")
        String key;

        Get(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ConfigVars.checkName(key);
            String app = app();
            Map<String, String> values = client().config(app).values();
            if (values == null || !values.containsKey(key)) {
                throw new CliException(key + " is not set on " + app);
            }
            ctx.out().println(values.get(key));
            return 0;
        }
    }

    @Command(name = "config:set", mixinStandardHelpOptions = true,
            description = "Set config vars; this makes a new release and restarts the app.")
    public static class Set extends AppCommand {
        @Parameters(arity = "1..*", paramLabel = "KEY=VALUE")
        List<String> assignments;

        Set(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            Map<String, String> values = ConfigVars.parseAssignments(assignments);
            String app = app();
            ControllerClient client = client();
            Output out = out();
            out.action("Setting " + ConfigVars.names(values.keySet()) + " and restarting " + app,
                    () -> client.patchConfig(app, values), release -> "v" + release.version());
            out.keyValues(values);
            return 0;
        }
    }

    @Command(name = "config:unset", mixinStandardHelpOptions = true,
            description = "Unset config vars; this makes a new release and restarts the app.")
    public static class Unset extends AppCommand {
        @Parameters(arity = "1..*", paramLabel = "KEY")
        List<String> keys;

        Unset(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            Map<String, String> values = new LinkedHashMap<>();
            keys.forEach(key -> values.put(ConfigVars.checkName(key), null));
            String app = app();
            ControllerClient client = client();
            out().action("Unsetting " + ConfigVars.names(values.keySet()) + " and restarting " + app,
                    () -> client.patchConfig(app, values), release -> "v" + release.version());
            return 0;
        }
    }
}
