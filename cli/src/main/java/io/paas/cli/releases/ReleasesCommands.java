package io.paas.cli.releases;

import io.paas.cli.CliContext;
import io.paas.cli.support.AppOption;
import io.paas.cli.support.JsonOption;
import io.paas.cli.support.Output;
import io.paas.cli.support.Session;
import io.paas.client.Api;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** releases: an app's history, newest first. */
public final class ReleasesCommands {
    private ReleasesCommands() {
    }

    @Command(name = "releases", mixinStandardHelpOptions = true, description = "List an app's releases, newest first.")
    public static class ListReleases implements Callable<Integer> {
        private final CliContext ctx;
        @Mixin
        AppOption appOption;
        @Mixin
        JsonOption json;

        ListReleases(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            String app = appOption.resolve(ctx);
            List<Api.Release> releases = Session.client(ctx).releases(app);
            Output out = new Output(ctx.out());
            if (json.enabled()) {
                out.json(releases);
                return 0;
            }
            out.heading(app + " Releases");
            if (releases.isEmpty()) {
                out.line("No releases yet: deploy with git push paas main");
                return 0;
            }
            out.table(List.of("VERSION", "USER", "SUMMARY", "CREATED"), releases.stream()
                    .map(r -> List.of("v" + r.version(), text(r.user()), text(r.summary()), Output.time(r.createdAt())))
                    .collect(Collectors.toList()));
            return 0;
        }

        private static String text(String value) {
            return value == null ? "" : value;
        }
    }
}
