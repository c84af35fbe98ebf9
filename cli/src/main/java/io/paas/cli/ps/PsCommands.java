package io.paas.cli.ps;

import io.paas.cli.CliContext;
import io.paas.cli.releases.DeployFailure;
import io.paas.cli.support.AppCommand;
import io.paas.cli.support.AppJsonCommand;
import io.paas.cli.support.CliException;
import io.paas.cli.support.Output;
import io.paas.client.Api;
import io.paas.client.ControllerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * ps, ps:restart (restart), ps:stop (stop) and scale (ps:scale): an app's processes and how many of
 * each type run.
 */
public final class PsCommands {
    private PsCommands() {
    }

    @Command(name = "ps", mixinStandardHelpOptions = true, description = "List an app's processes, by type.")
    public static class Ps extends AppJsonCommand {
        Ps(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String app = app();
            List<Api.Process> processes = client().ps(app);
            return printJsonOr(processes, out -> {
                if (processes.isEmpty()) {
                    out.line("No processes are running on " + app + ". Deploy with git push, then: paas scale web=1");
                    return;
                }
                ProcessList.print(out, processes, Instant.now());
            });
        }
    }

    @Command(name = "ps:restart", aliases = "restart", mixinStandardHelpOptions = true,
            description = "Replace an app's processes (of one type, or all) with fresh ones, without downtime.")
    public static class Restart extends AppCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "TYPE", description = "process type (default: all)")
        String type;

        Restart(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            if (type != null) {
                ProcessTypes.check(type);
            }
            String app = app();
            ControllerClient client = client();
            out().action("Restarting " + (type == null ? "all" : type) + " processes on " + app,
                    () -> DeployFailure.guard(() -> client.restart(app, type)), ignored -> null);
            return 0;
        }
    }

    @Command(name = "ps:stop", aliases = "stop", mixinStandardHelpOptions = true,
            description = {"Stop a one-off process (paas run --detach), e.g. paas ps:stop run.1234: its container is "
                    + "stopped (SIGTERM, then SIGKILL after 5 s) and removed; its end comes in paas logs.",
                    "Processes of the formation (web.1) are kept running: replace them with ps:restart, "
                    + "change how many run with scale."})
    public static class Stop extends AppCommand {
        private static final Pattern PROCESS = Pattern.compile("^[a-z][a-z0-9_-]*\\.\\d{1,9}$");

        @Parameters(index = "0", paramLabel = "PROCESS", description = "the process, as paas ps names it (run.1234)")
        String process;

        Stop(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            if (!PROCESS.matcher(process).matches()) {
                throw CliException.usage("expected a process as paas ps names it (e.g. run.1234), got '" + process + "'");
            }
            String app = app();
            ControllerClient client = client();
            out().action("Stopping " + process + " process on " + app, () -> client.stopRun(app, process));
            return 0;
        }
    }

    @Command(name = "scale", aliases = "ps:scale", mixinStandardHelpOptions = true,
            description = "Set how many processes of each type run, e.g. paas scale web=2 worker=1; "
                    + "without arguments, show how many run.")
    public static class Scale extends AppJsonCommand {
        private static final Pattern COUNT = Pattern.compile("^\\d{1,4}$");

        @Parameters(arity = "0..*", paramLabel = "TYPE=N")
        List<String> quantities;

        Scale(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            if (quantities == null || quantities.isEmpty()) {
                return show();
            }
            Map<String, Integer> wanted = parse(quantities);
            String app = app();
            ControllerClient client = client();
            Output out = out();
            if (json()) {
                out.json(DeployFailure.guard(() -> client.scale(app, wanted)));
                return 0;
            }
            String list = wanted.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
            out.action("Scaling " + app + ": " + list, () -> DeployFailure.guard(() -> client.scale(app, wanted)), ignored -> null);
            return 0;
        }

        /** The formation as Heroku's ps:scale prints it: "web=2 worker=0" (sorted by type). */
        private int show() {
            String app = app();
            Map<String, Integer> formation = new TreeMap<>(client().formation(app));
            return printJsonOr(formation, out -> out.line(formation.isEmpty()
                    ? "No process types on " + app + " yet: deploy with git push, then paas scale web=1"
                    : formation.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "))));
        }

        static Map<String, Integer> parse(List<String> args) {
            Map<String, Integer> wanted = new LinkedHashMap<>();
            ProcessTypes.assignments(args, "TYPE=N", "web=2").forEach((type, count) -> {
                if (!COUNT.matcher(count).matches()) {
                    throw CliException.usage("expected TYPE=N (e.g. web=2), got '" + type + "=" + count + "'");
                }
                wanted.put(type, Integer.parseInt(count));
            });
            return wanted;
        }
    }
}
