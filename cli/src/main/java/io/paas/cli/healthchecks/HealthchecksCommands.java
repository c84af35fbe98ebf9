package io.paas.cli.healthchecks;

import io.paas.cli.CliContext;
import io.paas.cli.ps.ProcessTypes;
import io.paas.cli.releases.DeployFailure;
import io.paas.cli.support.AppCommand;
import io.paas.cli.support.AppJsonCommand;
import io.paas.cli.support.Output;
import io.paas.client.Api;
import io.paas.client.ControllerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** healthchecks, healthchecks:set, healthchecks:unset: what a new release must pass before it gets traffic. */
public final class HealthchecksCommands {
    private HealthchecksCommands() {
    }

    @Command(name = "healthchecks", mixinStandardHelpOptions = true, description = "Show an app's health checks.")
    public static class Show extends AppJsonCommand {
        Show(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String app = app();
            Map<String, Api.HealthCheck> checks = client().healthchecks(app);
            return printJsonOr(checks, out -> {
                out.heading(app + " Health Checks");
                if (checks == null || checks.isEmpty()) {
                    out.line("None set: web processes must accept a TCP connection on $PORT. Set one with: "
                            + "paas healthchecks:set web --path /health");
                    return;
                }
                List<List<String>> rows = new ArrayList<>();
                new TreeMap<>(checks).forEach((type, check) -> {
                    if (check != null) {
                        rows.add(List.of(type, HealthCheckArgs.kind(check), HealthCheckArgs.seconds(check.timeout()),
                                HealthCheckArgs.seconds(check.interval())));
                    }
                });
                out.table(List.of("TYPE", "CHECK", "TIMEOUT", "INTERVAL"), rows);
            });
        }
    }

    @Command(name = "healthchecks:set", mixinStandardHelpOptions = true,
            description = "Set a process type's health check (HTTP with --path, else TCP connect); makes a new release.")
    public static class Set extends AppCommand {
        @Parameters(index = "0", paramLabel = "TYPE", description = "process type, e.g. web")
        String type;

        @Option(names = "--path", paramLabel = "PATH", description = "HTTP path that answers 2xx/3xx when healthy, e.g. /health (default: TCP connect)")
        String path;

        @Option(names = "--timeout", paramLabel = "DURATION", description = "time to wait for one answer: 1s to 60s, e.g. 5 or 5s")
        String timeout;

        @Option(names = "--interval", paramLabel = "DURATION", description = "time between checks: 1s to 60s, e.g. 2 or 2s")
        String interval;

        @Option(names = "--content", paramLabel = "TEXT", description = "text the answer's body must hold (with --path)")
        String content;

        @Option(names = "--attempts", paramLabel = "N", description = "failed GETs before the release fails, 1 to 60 "
                + "(with --path; default: retry until the deploy's deadline)")
        Integer attempts;

        Set(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            ProcessTypes.check(type);
            Api.HealthCheck check = HealthCheckArgs.check(path, timeout, interval, content, attempts);
            String app = app();
            ControllerClient client = client();
            Output out = out();
            out.action("Setting health check for " + type + " on " + app,
                    () -> DeployFailure.guardRelease(() -> client.patchHealthchecks(app, Map.of(type, check))),
                    DeployFailure::made);
            out.line(type + ": " + HealthCheckArgs.describe(check));
            return 0;
        }
    }

    @Command(name = "healthchecks:unset", mixinStandardHelpOptions = true,
            description = "Remove health checks (web falls back to a TCP connect); makes a new release.")
    public static class Unset extends AppCommand {
        @Parameters(arity = "1..*", paramLabel = "TYPE", description = "process types, e.g. web")
        List<String> types;

        Unset(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            Map<String, Api.HealthCheck> removed = new LinkedHashMap<>();
            types.forEach(type -> removed.put(ProcessTypes.check(type), null));
            String app = app();
            ControllerClient client = client();
            out().action("Unsetting health check for " + String.join(", ", removed.keySet()) + " on " + app,
                    () -> DeployFailure.guardRelease(() -> client.patchHealthchecks(app, removed)), DeployFailure::made);
            return 0;
        }
    }
}
