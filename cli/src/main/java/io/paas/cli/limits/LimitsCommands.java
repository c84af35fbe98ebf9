package io.paas.cli.limits;

import io.paas.cli.CliContext;
import io.paas.cli.ps.ProcessTypes;
import io.paas.cli.releases.DeployFailure;
import io.paas.cli.support.AppCommand;
import io.paas.cli.support.AppJsonCommand;
import io.paas.cli.support.CliException;
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

/**
 * limits, limits:set, limits:unset: memory and CPU per process type, applied by the next release.
 * Each PATCH carries a type's whole limit (memory and cpu), merged here with the current one, so
 * setting memory keeps the cpu limit and the other way round.
 */
public final class LimitsCommands {
    private LimitsCommands() {
    }

    @Command(name = "limits", mixinStandardHelpOptions = true, description = "Show an app's memory and CPU limits.")
    public static class Show extends AppJsonCommand {
        Show(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String app = app();
            Map<String, Api.Limit> limits = client().limits(app);
            return printJsonOr(limits, out -> {
                out.heading(app + " Limits");
                if (limits == null || limits.isEmpty()) {
                    out.line("None set: processes may use the host's memory and CPU. Set some with: paas limits:set web=512M --cpu web=0.5");
                    return;
                }
                List<List<String>> rows = new ArrayList<>();
                new TreeMap<>(limits).forEach((type, limit) -> {
                    if (limit != null) {
                        rows.add(List.of(type, Memory.format(limit.memory()), Cpu.format(limit.cpu())));
                    }
                });
                out.table(List.of("TYPE", "MEMORY", "CPU"), rows);
            });
        }
    }

    @Command(name = "limits:set", mixinStandardHelpOptions = true,
            description = "Set memory (K/M/G, 512M = 512 MiB) and CPU (cores) limits per process type; makes a new release.")
    public static class Set extends AppCommand {
        @Parameters(arity = "0..*", paramLabel = "TYPE=SIZE", description = "memory limits, e.g. web=512M worker=1G")
        List<String> memory = new ArrayList<>();

        @Option(names = "--cpu", paramLabel = "TYPE=CORES", description = "CPU limit, e.g. --cpu web=0.5 (repeatable)")
        List<String> cpu = new ArrayList<>();

        Set(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            Map<String, Long> memories = new LinkedHashMap<>();
            ProcessTypes.assignments(memory, "TYPE=SIZE", "web=512M").forEach((type, size) -> memories.put(type, Memory.parse(size)));
            Map<String, Double> cpus = new LinkedHashMap<>();
            ProcessTypes.assignments(cpu, "--cpu TYPE=CORES", "--cpu web=0.5").forEach((type, cores) -> cpus.put(type, Cpu.parse(cores)));
            if (memories.isEmpty() && cpus.isEmpty()) {
                throw CliException.usage("nothing to set: give TYPE=SIZE (e.g. web=512M) and/or --cpu TYPE=CORES");
            }
            String app = app();
            ControllerClient client = client();
            Map<String, Api.Limit> current = orEmpty(client.limits(app));
            Map<String, Api.Limit> changes = new LinkedHashMap<>();
            for (String type : union(memories, cpus)) {
                Api.Limit was = current.getOrDefault(type, new Api.Limit(null, null));
                changes.put(type, new Api.Limit(memories.getOrDefault(type, was.memory()), cpus.getOrDefault(type, was.cpu())));
            }
            Output out = out();
            out.action("Setting limits on " + app, () -> DeployFailure.guardRelease(() -> client.patchLimits(app, changes)),
                    DeployFailure::made);
            Map<String, String> shown = new LinkedHashMap<>();
            changes.forEach((type, limit) -> shown.put(type, "memory " + Memory.format(limit.memory()) + ", cpu " + Cpu.format(limit.cpu())));
            out.keyValues(shown);
            return 0;
        }

        private static List<String> union(Map<String, ?> a, Map<String, ?> b) {
            List<String> types = new ArrayList<>(a.keySet());
            b.keySet().stream().filter(type -> !types.contains(type)).forEach(types::add);
            return types;
        }
    }

    @Command(name = "limits:unset", mixinStandardHelpOptions = true,
            description = "Remove limits of process types (both, or only --memory or --cpu); makes a new release.")
    public static class Unset extends AppCommand {
        @Parameters(arity = "1..*", paramLabel = "TYPE", description = "process types, e.g. web")
        List<String> types;

        @Option(names = "--memory", description = "remove only the memory limit")
        boolean memoryOnly;

        @Option(names = "--cpu", description = "remove only the CPU limit")
        boolean cpuOnly;

        Unset(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            types.forEach(ProcessTypes::check);
            boolean memory = memoryOnly || !cpuOnly;
            boolean cpu = cpuOnly || !memoryOnly;
            String app = app();
            ControllerClient client = client();
            Map<String, Api.Limit> current = orEmpty(client.limits(app));
            Map<String, Api.Limit> changes = new LinkedHashMap<>();
            for (String type : types) {
                Api.Limit was = current.get(type);
                Api.Limit left = was == null ? null : new Api.Limit(memory ? null : was.memory(), cpu ? null : was.cpu());
                if (was == null || left.equals(was)) {
                    continue;
                }
                // A type with nothing left is removed (null) rather than kept as an empty limit.
                changes.put(type, left.memory() == null && left.cpu() == null ? null : left);
            }
            Output out = out();
            if (changes.isEmpty()) {
                out.line("No such limits to unset on " + app + ": see paas limits -a " + app);
                return 0;
            }
            out.action("Unsetting limits on " + app, () -> DeployFailure.guardRelease(() -> client.patchLimits(app, changes)),
                    DeployFailure::made);
            return 0;
        }
    }

    private static Map<String, Api.Limit> orEmpty(Map<String, Api.Limit> limits) {
        return limits == null ? Map.of() : limits;
    }
}
