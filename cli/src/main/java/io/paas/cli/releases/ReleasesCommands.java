package io.paas.cli.releases;

import io.paas.cli.CliContext;
import io.paas.cli.support.AppCommand;
import io.paas.cli.support.AppJsonCommand;
import io.paas.cli.support.NumOption;
import io.paas.cli.support.CliException;
import io.paas.cli.support.Output;
import io.paas.cli.support.Shell;
import io.paas.client.Api;
import io.paas.client.ControllerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** releases, releases:info, releases:rollback: an app's history, newest first. */
public final class ReleasesCommands {
    private ReleasesCommands() {
    }

    @Command(name = "releases", mixinStandardHelpOptions = true, description = "List an app's releases, newest first.")
    public static class ListReleases extends AppJsonCommand {
        @Mixin
        NumOption num;

        ListReleases(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            long limit = num.limit();
            String app = app();
            List<Api.Release> releases = client().releases(app).stream()
                    .sorted(Comparator.comparingInt(Api.Release::version).reversed())
                    .limit(limit)
                    .toList();
            return printJsonOr(releases, out -> {
                out.heading(app + " Releases");
                if (releases.isEmpty()) {
                    out.line("No releases yet: deploy with git push paas main");
                    return;
                }
                // The STATUS column only when a release is deploying or failed: a plain history stays as narrow as before.
                boolean status = releases.stream().anyMatch(ReleaseStatus::noteworthy);
                List<String> headers = new ArrayList<>(List.of("VERSION", "USER", "SUMMARY", "CREATED"));
                if (status) {
                    headers.add("STATUS");
                }
                List<List<String>> rows = new ArrayList<>();
                for (Api.Release r : releases) {
                    List<String> row = new ArrayList<>(List.of("v" + r.version(), text(r.user()), text(r.summary()),
                            Output.time(r.createdAt())));
                    if (status) {
                        row.add(ReleaseStatus.text(r));
                    }
                    rows.add(row);
                }
                out.table(headers, rows);
            });
        }
    }

    @Command(name = "releases:info", mixinStandardHelpOptions = true,
            description = "Show one release: its image, process types, config var names and rollout status "
                    + "(for a failed one: why, and its process's last output); -s prints its config vars with their "
                    + "values instead.")
    public static class Info extends AppJsonCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "VERSION", description = "vN or N (default: the latest)")
        String version;

        @Option(names = {"-s", "--shell"},
                description = "print the release's config vars with their values, KEY='value' lines quoted for sh "
                        + "(for those who may read the app's config)")
        boolean shell;

        Info(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            if (shell && json()) {
                throw CliException.usage("give either -s or --json, not both");
            }
            Integer wanted = version == null ? null : ReleaseVersion.parse(version);
            String app = app();
            ControllerClient client = client();
            List<Api.Release> releases = client.releases(app);
            Api.Release release = releases.stream()
                    .filter(r -> wanted == null || r.version() == wanted)
                    .findFirst()
                    .orElseThrow(() -> new CliException(wanted == null ? app + " has no releases yet"
                            : "no release v" + wanted + " on " + app + ": see paas releases -a " + app));
            if (shell) {
                // Lists carry config names only: the values come with this one release, asked for explicitly.
                Map<String, String> values = client.release(app, release.version(), true).config();
                new TreeMap<>(values == null ? Map.<String, String>of() : values)
                        .forEach((key, value) -> ctx.out().println(key + "=" + Shell.quote(value)));
                return 0;
            }
            return printJsonOr(release, out -> {
                out.heading(app + " Release v" + release.version());
                Map<String, String> fields = new LinkedHashMap<>();
                fields.put("By", text(release.user()));
                fields.put("Change", text(release.summary()));
                fields.put("When", Output.time(release.createdAt()));
                fields.put("Status", status(release));
                fields.put("Image", release.image() == null ? "none (config only, before the first deploy)" : release.image());
                fields.put("Config vars", configNames(release));
                out.keyValues(fields);
                Map<String, String> types = release.processTypes() == null ? Map.of() : new TreeMap<>(release.processTypes());
                if (!types.isEmpty()) {
                    out.line("");
                    out.heading("Process Types");
                    out.keyValues(types);
                }
                if (release.failure() != null && !release.failure().isBlank()) {
                    out.line("");
                    out.heading("Failure");
                    out.line(release.failure().strip());
                }
                if (release.failureOutput() != null && !release.failureOutput().isBlank()) {
                    out.line("");
                    out.heading("Last Output");
                    out.line(release.failureOutput().strip());
                }
            });
        }

        /** configVars; from a controller older than configVars, the keys of config. */
        private static String configNames(Api.Release release) {
            Collection<String> names = release.configVars() != null ? release.configVars()
                    : release.config() != null ? release.config().keySet() : List.of();
            return names.isEmpty() ? "none" : String.join(", ", new TreeSet<>(names));
        }

        private static String status(Api.Release release) {
            String status = release.status();
            if (status == null) {
                return "succeeded";
            }
            return status.equals("pending") ? "deploying" : status;
        }
    }

    @Command(name = "releases:rollback", mixinStandardHelpOptions = true,
            description = "Make a new release with the image and config of an earlier one, and roll it out.")
    public static class Rollback extends AppCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "VERSION",
                description = "vN or N to roll back to (default: the release before the current one)")
        String version;

        Rollback(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            Integer wanted = version == null ? null : ReleaseVersion.parse(version);
            String app = app();
            ControllerClient client = client();
            // Without a version, the controller names the release it would copy, and that one is asked
            // for: the name shown is what rolls out (and "no earlier release" comes from the controller).
            int target = wanted != null ? wanted : client.rollbackTarget(app).version();
            out().action("Rolling back " + app + " to v" + target,
                    () -> DeployFailure.guardRelease(() -> client.rollback(app, target)), DeployFailure::made);
            return 0;
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
