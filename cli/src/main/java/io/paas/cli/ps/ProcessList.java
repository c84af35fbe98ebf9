package io.paas.cli.ps;

import io.paas.cli.support.Output;
import io.paas.client.Api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * `paas ps` as text: one "=== type (count)" group per process type, web first, like Heroku; one-offs
 * (paas run) last, with their command in place of restarts and endpoint, which they have none of.
 */
final class ProcessList {
    private static final List<String> HEADERS = List.of("NAME", "RELEASE", "STATE", "UPTIME", "RESTARTS", "MEMORY", "CPU",
            "ENDPOINT");
    private static final List<String> ONE_OFF_HEADERS = List.of("NAME", "RELEASE", "STATE", "UPTIME", "MEMORY", "CPU",
            "COMMAND");
    private static final String ONE_OFF = "run";

    private ProcessList() {
    }

    static void print(Output out, List<Api.Process> processes, Instant now) {
        Map<String, List<Api.Process>> byType = new TreeMap<>(ProcessList::typeOrder);
        for (Api.Process process : processes) {
            byType.computeIfAbsent(process.type() == null ? "" : process.type(), t -> new ArrayList<>()).add(process);
        }
        boolean first = true;
        for (Map.Entry<String, List<Api.Process>> group : byType.entrySet()) {
            if (!first) {
                out.line("");
            }
            first = false;
            boolean oneOffs = group.getKey().equals(ONE_OFF);
            out.heading((group.getKey().isEmpty() ? "unknown type" : oneOffs ? "run: one-off processes" : group.getKey())
                    + " (" + group.getValue().size() + ")");
            List<List<String>> rows = new ArrayList<>();
            group.getValue().stream().sorted(Comparator.comparing(ProcessList::index).thenComparing(ProcessList::name))
                    .forEach(p -> {
                        String uptime = "running".equals(p.state()) ? Uptime.since(p.startedAt(), now) : "";
                        rows.add(oneOffs
                                ? List.of(name(p), "v" + p.release(), text(p.state()), uptime, memory(p.memoryBytes()),
                                        cpu(p.cpuPercent()), text(p.command()))
                                : List.of(name(p), "v" + p.release(), text(p.state()), uptime, String.valueOf(p.restarts()),
                                        memory(p.memoryBytes()), cpu(p.cpuPercent()), text(p.endpoint())));
                    });
            out.table(oneOffs ? ONE_OFF_HEADERS : HEADERS, rows);
        }
    }

    /** web first (it is what users look at), then the other types by name, one-offs last. */
    private static int typeOrder(String a, String b) {
        if (a.equals(b)) {
            return 0;
        }
        if (a.equals("web") || b.equals("web")) {
            return a.equals("web") ? -1 : 1;
        }
        if (a.equals(ONE_OFF) || b.equals(ONE_OFF)) {
            return a.equals(ONE_OFF) ? 1 : -1;
        }
        return a.compareTo(b);
    }

    /** The N of "web.N", so web.10 sorts after web.9; names without one come last. */
    private static int index(Api.Process process) {
        String name = name(process);
        int dot = name.lastIndexOf('.');
        try {
            return Integer.parseInt(name.substring(dot + 1));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** "23.4 MB"; blank when not measured (a process not running). */
    static String memory(Long bytes) {
        return bytes == null ? "" : String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1048576.0);
    }

    /** Percent of one core: "100%" is a whole core busy. */
    static String cpu(Double percent) {
        return percent == null ? "" : String.format(java.util.Locale.ROOT, "%.1f%%", percent);
    }

    private static String name(Api.Process process) {
        return text(process.name());
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
