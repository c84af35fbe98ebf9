package io.paas.cli.healthchecks;

import io.paas.cli.CliContext;
import io.paas.cli.ps.ProcessTypes;
import io.paas.cli.releases.DeployFailure;
import io.paas.cli.support.AppOption;
import io.paas.cli.support.JsonOption;
import io.paas.cli.support.Output;
import io.paas.cli.support.Session;
import io.paas.client.Api;
import io.paas.client.ControllerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/** healthchecks, healthchecks:set, healthchecks:unset: what a new release must pass before it gets traffic. */
public final class HealthchecksCommands {
    private HealthchecksCommands() {
    }

    @Command(name = "healthchecks", mixinStandardHelpOptions = true, description = "Show an app's health checks.")
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
            Map<String, Api.HealthCheck> checks = Session.client(ctx).healthchecks(app);
            Output out = new Output(ctx.out());
            if (json.enabled()) {
                out.json(checks);
                return 0;
            }
            out.heading(app + " Health Checks");
            if (checks == null || checks.isEmpty()) {
                out.line("None set: web processes must accept a TCP connection on $PORT. Set one with: "
                        + "paas healthchecks:set web --path /health");
                return 0;
            }
            List<List<String>> rows = new ArrayList<>();
            new TreeMap<>(checks).forEach((type, check) -> {
                if (check != null) {
                    rows.add(List.of(type, HealthCheckArgs.kind(check), HealthCheckArgs.seconds(check.timeout()),
                            HealthCheckArgs.seconds(check.interval())));
                }
            });
            out.table(List.of("TYPE", "CHECK", "TIMEOUT", "INTERVAL"), rows);
            return 0;
        }
    }

    @Command(name = "healthchecks:set", mixinStandardHelpOptions = true,
            description = "Set a process type's health check (HTTP with --path, else TCP connect); makes a new release.")
    public static class Set implements Callable<Integer> {
        private final CliContext ctx;
        @Mixin
        AppOption appOption;

        @Parameters(index = "0", paramLabel = "TYPE", description = "process type, e.g. web")
        String type;

        @Option(names = "--path", paramLabel = "PATH", description = "HTTP path that answers 2xx/3xx when healthy, e.g. /health (default: TCP connect)")
        String path;

        @Option(names = "--timeout", paramLabel = "SECONDS", description = "seconds to wait for one answer (1-60)")
        Integer timeout;

        @Option(names = "--interval", paramLabel = "SECONDS", description = "seconds between checks (1-60)")
        Integer interval;

        Set(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            ProcessTypes.check(type);
            Api.HealthCheck check = HealthCheckArgs.check(path, timeout, interval);
            String app = appOption.resolve(ctx);
            ControllerClient client = Session.client(ctx);
            Output out = new Output(ctx.out());
            out.action("Setting health check for " + type + " on " + app,
                    () -> DeployFailure.guardRelease(() -> client.patchHealthchecks(app, Map.of(type, check))),
                    DeployFailure::made);
            out.line(type + ": " + HealthCheckArgs.describe(check));
            return 0;
        }
    }

    @Command(name = "healthchecks:unset", mixinStandardHelpOptions = true,
            description = "Remove health checks (web falls back to a TCP connect); makes a new release.")
    public static class Unset implements Callable<Integer> {
        private final CliContext ctx;
        @Mixin
        AppOption appOption;

        @Parameters(arity = "1..*", paramLabel = "TYPE", description = "process types, e.g. web")
        List<String> types;

        Unset(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Map<String, Api.HealthCheck> removed = new LinkedHashMap<>();
            types.forEach(type -> removed.put(ProcessTypes.check(type), null));
            String app = appOption.resolve(ctx);
            ControllerClient client = Session.client(ctx);
            new Output(ctx.out()).action("Unsetting health check for " + String.join(", ", removed.keySet()) + " on " + app,
                    () -> DeployFailure.guardRelease(() -> client.patchHealthchecks(app, removed)), DeployFailure::made);
            return 0;
        }
    }
}
