package io.paas.cli.ps;

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

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** ps and scale: an app's processes and how many of each type run. */
public final class PsCommands {
    private PsCommands() {
    }

    @Command(name = "ps", mixinStandardHelpOptions = true, description = "List an app's processes.")
    public static class Ps implements Callable<Integer> {
        private final CliContext ctx;
        @Mixin
        AppOption appOption;
        @Mixin
        JsonOption json;

        Ps(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            String app = appOption.resolve(ctx);
            List<Api.Process> processes = Session.client(ctx).ps(app);
            Output out = new Output(ctx.out());
            if (json.enabled()) {
                out.json(processes);
                return 0;
            }
            out.heading(app + " Processes");
            if (processes.isEmpty()) {
                out.line("No processes are running. Deploy with git push, then: paas scale web=1");
                return 0;
            }
            List<List<String>> rows = processes.stream()
                    .sorted(Comparator.comparing(Api.Process::type, Comparator.nullsLast(Comparator.naturalOrder()))
                            .thenComparing(Api.Process::name, Comparator.nullsLast(Comparator.naturalOrder())))
                    .map(p -> List.of(nullToEmpty(p.name()), nullToEmpty(p.type()), "v" + p.release(),
                            nullToEmpty(p.state()), nullToEmpty(p.endpoint()), Output.time(p.startedAt())))
                    .collect(Collectors.toList());
            out.table(List.of("NAME", "TYPE", "RELEASE", "STATE", "ENDPOINT", "STARTED"), rows);
            return 0;
        }

        private static String nullToEmpty(String text) {
            return text == null ? "" : text;
        }
    }

    @Command(name = "scale", mixinStandardHelpOptions = true,
            description = "Set how many processes of each type run, e.g. paas scale web=2 worker=1.")
    public static class Scale implements Callable<Integer> {
        private static final Pattern QUANTITY = Pattern.compile("^([A-Za-z0-9][A-Za-z0-9_-]*)=(\\d{1,4})$");

        private final CliContext ctx;
        @Mixin
        AppOption appOption;
        @Mixin
        JsonOption json;

        @Parameters(arity = "1..*", paramLabel = "TYPE=N")
        List<String> quantities;

        Scale(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Map<String, Integer> wanted = parse(quantities);
            String app = appOption.resolve(ctx);
            ControllerClient client = Session.client(ctx);
            Output out = new Output(ctx.out());
            if (json.enabled()) {
                out.json(client.scale(app, wanted));
                return 0;
            }
            out.action("Scaling processes of " + app, () -> client.scale(app, wanted),
                    formation -> "now running " + formation.entrySet().stream()
                            .map(e -> e.getKey() + " at " + e.getValue()).collect(Collectors.joining(", ")));
            return 0;
        }

        static Map<String, Integer> parse(List<String> args) {
            Map<String, Integer> wanted = new LinkedHashMap<>();
            for (String arg : args) {
                Matcher matcher = QUANTITY.matcher(arg);
                if (!matcher.matches()) {
                    throw CliException.usage("expected TYPE=N (e.g. web=2), got '" + arg + "'");
                }
                wanted.put(matcher.group(1), Integer.parseInt(matcher.group(2)));
            }
            return wanted;
        }
    }
}
