package io.paas.cli.builds;

import io.paas.cli.CliContext;
import io.paas.cli.releases.ReleaseStatus;
import io.paas.cli.support.AppCommand;
import io.paas.cli.support.AppJsonCommand;
import io.paas.cli.support.CliException;
import io.paas.cli.support.Confirmation;
import io.paas.cli.support.NumOption;
import io.paas.cli.support.Output;
import io.paas.client.Api;
import io.paas.client.ControllerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** builds, builds:info and builds:cache:purge, as Heroku's builds plugin names them. */
public final class BuildsCommands {
    private BuildsCommands() {
    }

    @Command(name = "builds", mixinStandardHelpOptions = true,
            description = "List an app's builds, newest first: failed ones with their reason (details in builds:info).")
    public static class ListBuilds extends AppJsonCommand {
        @Mixin
        NumOption num;

        ListBuilds(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            long limit = num.limit();
            String app = app();
            List<Api.Build> builds = client().builds(app).stream().limit(limit).toList();
            return printJsonOr(builds, out -> {
                out.heading(app + " Builds");
                if (builds.isEmpty()) {
                    out.line("No builds yet: deploy with git push paas main");
                    return;
                }
                out.table(List.of("ID", "STATUS", "SHA", "USER", "WHEN", "DURATION", "REASON"), builds.stream()
                        .map(b -> List.of(shortId(b.id()), text(b.status()), shortSha(b.sha()), text(b.user()),
                                Output.time(b.createdAt()), duration(b.durationMs()), ReleaseStatus.firstLine(b.reason())))
                        .toList());
            });
        }
    }

    @Command(name = "builds:info", mixinStandardHelpOptions = true,
            description = "Show one build: who pushed what, when, how long it took, for a failed one why, "
                    + "and its whole output (kept for an app's newest 20 builds).")
    public static class Info extends AppJsonCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "BUILD",
                description = "the build's id, or the start of it as paas builds shows it (default: the latest)")
        String build;

        Info(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String app = app();
            ControllerClient client = client();
            String wanted = build == null ? null : build.strip().toLowerCase(Locale.ROOT);
            List<Api.Build> matches = client.builds(app).stream()
                    .filter(b -> wanted == null || b.id().startsWith(wanted))
                    .limit(wanted == null ? 1 : 2)
                    .toList();
            if (matches.isEmpty()) {
                throw new CliException(wanted == null ? app + " has no builds yet"
                        : "no build " + build + " of " + app + ": see paas builds -a " + app);
            }
            if (matches.size() > 1) {
                throw CliException.usage(build + " is the start of more than one build id: give more of it");
            }
            Api.Build found = client.build(app, matches.get(0).id());
            return printJsonOr(found, out -> {
                out.heading(app + " Build " + shortId(found.id()));
                Map<String, String> fields = new LinkedHashMap<>();
                fields.put("Id", found.id());
                fields.put("Status", text(found.status()));
                fields.put("Commit", text(found.sha()));
                fields.put("By", text(found.user()));
                fields.put("Started", Output.time(found.createdAt()));
                fields.put("Finished", Output.time(found.finishedAt()));
                fields.put("Duration", found.durationMs() == null ? "unknown" : duration(found.durationMs()));
                out.keyValues(fields);
                if (found.reason() != null && !found.reason().isBlank()) {
                    out.line("");
                    out.heading("Failure");
                    out.line(found.reason().strip());
                }
                if (found.output() != null && !found.output().isBlank()) {
                    out.line("");
                    out.heading("Output");
                    out.line(found.output().stripTrailing());
                }
            });
        }
    }

    /** As Heroku shows build ids in lists: enough of the UUID to tell them apart. */
    static String shortId(String id) {
        return id == null ? "" : id.length() > 8 ? id.substring(0, 8) : id;
    }

    private static String shortSha(String sha) {
        return sha == null ? "" : sha.length() > 7 ? sha.substring(0, 7) : sha;
    }

    /** 850 -> "0.9s", 12345 -> "12.3s", 125000 -> "2m 5s"; empty when unknown. */
    static String duration(Long ms) {
        if (ms == null) {
            return "";
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
        }
        long seconds = Math.round(ms / 1000.0);
        return seconds / 60 + "m " + seconds % 60 + "s";
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    @Command(name = "builds:cache:purge", mixinStandardHelpOptions = true,
            description = "Empty an app's build cache: its next build starts cold (downloads runtimes and dependencies again).")
    public static class CachePurge extends AppCommand {
        @Option(names = "--confirm", paramLabel = "APP", description = "the app name again, to confirm")
        String confirm;

        CachePurge(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String app = app();
            Confirmation.require(ctx, app, confirm, "This empties the build cache of " + app
                    + "; its next build downloads everything again.", "this empties its build cache",
                    "paas builds:cache:purge");
            ControllerClient client = client();
            out().action("Purging the build cache of " + app, () -> client.purgeBuildCache(app));
            return 0;
        }
    }
}
