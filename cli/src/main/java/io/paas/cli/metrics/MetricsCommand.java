package io.paas.cli.metrics;

import io.paas.cli.CliContext;
import io.paas.cli.support.AppJsonCommand;
import io.paas.cli.support.CliException;
import io.paas.cli.support.Output;
import io.paas.client.Api;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** `paas metrics`: an app's figures per minute, as Heroku's metrics show them, in a table. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Show an app's figures per minute: requests the router served by status class (2xx, 3xx, "
                + "4xx, 5xx) with latency p50/p99, and each process's memory and CPU (%% of one core).",
                "24 hours are kept; minutes without requests are left out."})
public class MetricsCommand extends AppJsonCommand {
    @Option(names = {"-m", "--minutes"}, paramLabel = "N", description = "the last N minutes (default 60, at most 1440)")
    int minutes = 60;

    MetricsCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        if (minutes < 1 || minutes > 1440) {
            throw CliException.usage("--minutes must be between 1 and 1440, got " + minutes);
        }
        String app = app();
        Api.Metrics metrics = client().metrics(app, minutes);
        return printJsonOr(metrics, out -> print(out, app, metrics));
    }

    private void print(Output out, String app, Api.Metrics metrics) {
        out.heading(app + " requests per minute (last " + minutes + " min)");
        if (metrics.requests().isEmpty()) {
            out.line("No requests in that time.");
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (Api.RequestMinute m : metrics.requests()) {
                rows.add(List.of(minute(m.minute()), Integer.toString(m.success()), Integer.toString(m.redirect()),
                        Integer.toString(m.clientError()), Integer.toString(m.serverError()),
                        m.p50Ms() + " ms", m.p99Ms() + " ms"));
            }
            out.table(List.of("MINUTE", "2XX", "3XX", "4XX", "5XX", "P50", "P99"), rows);
        }
        out.line("");
        out.heading(app + " processes");
        if (metrics.processes().isEmpty()) {
            out.line("No process figures in that time (they are taken once a minute).");
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (Api.ProcessMinute m : metrics.processes()) {
            rows.add(List.of(minute(m.minute()), m.process(),
                    String.format(Locale.ROOT, "%.1f MB", m.memoryBytes() / 1048576.0),
                    String.format(Locale.ROOT, "%.1f%%", m.cpuPercent())));
        }
        out.table(List.of("MINUTE", "PROCESS", "MEMORY", "CPU"), rows);
    }

    /** "2026-12-04T17:05:00Z" -> "2026-12-04 17:05" (UTC). */
    private static String minute(String iso) {
        return iso.length() >= 16 ? iso.substring(0, 10) + " " + iso.substring(11, 16) : iso;
    }
}
