package io.paas.cli.buildpacks;

import io.paas.cli.CliContext;
import io.paas.cli.support.AppCommand;
import io.paas.cli.support.AppJsonCommand;
import io.paas.cli.support.CliException;
import io.paas.cli.support.Output;
import io.paas.client.Api;
import io.paas.client.ApiException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

/**
 * buildpacks, buildpacks:set, :add, :remove, :clear: the buildpacks an app's builds run, in order, as on
 * Heroku. Each change reads the list, edits it here and sends it whole (the controller checks every entry);
 * it makes no release: the next push uses it.
 */
public final class BuildpacksCommands {
    private BuildpacksCommands() {
    }

    @Command(name = "buildpacks", mixinStandardHelpOptions = true,
            description = "List the buildpacks an app's builds run, in order (none: builds detect one).")
    public static class ListBuildpacks extends AppJsonCommand {
        ListBuildpacks(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String app = app();
            List<Api.Buildpack> buildpacks = client().buildpacks(app);
            return printJsonOr(buildpacks, out -> {
                if (buildpacks.isEmpty()) {
                    out.line(app + " has no buildpack set: its builds use BUILDPACK_URL, a .buildpacks file, "
                            + "or detect one.");
                    return;
                }
                out.heading(app + " Buildpack URL" + (buildpacks.size() > 1 ? "s" : ""));
                list(out, buildpacks.stream().map(Api.Buildpack::url).toList(), "");
            });
        }
    }

    @Command(name = "buildpacks:set", mixinStandardHelpOptions = true,
            description = {"Set an app's buildpack: a built-in one (nodejs, go, python, static, or Heroku's name "
                    + "like heroku/nodejs) or the http(s) URL of a buildpack (.tgz, or a git repository, #ref optional).",
                "Replaces the first one, or the one at --index (past the end: added last)."})
    public static class Set extends Change {
        @Option(names = {"-i", "--index"}, paramLabel = "N", description = "the position to set, from 1")
        Integer index;

        Set(CliContext ctx) {
            super(ctx);
        }

        @Override
        List<String> change(List<String> current) {
            int at = position(index, 1) - 1;
            List<String> next = new ArrayList<>(current);
            if (at < next.size()) {
                next.set(at, buildpack);
            } else {
                next.add(buildpack);
            }
            return next;
        }

        @Override
        String done() {
            return "Buildpack set";
        }
    }

    @Command(name = "buildpacks:add", mixinStandardHelpOptions = true,
            description = {"Add a buildpack to an app's list: it runs after the others, or at --index.",
                "NAME|URL as for buildpacks:set."})
    public static class Add extends Change {
        @Option(names = {"-i", "--index"}, paramLabel = "N", description = "the position to insert it at, from 1")
        Integer index;

        Add(CliContext ctx) {
            super(ctx);
        }

        @Override
        List<String> change(List<String> current) {
            int at = Math.min(position(index, current.size() + 1) - 1, current.size());
            List<String> next = new ArrayList<>(current);
            next.add(at, buildpack);
            return next;
        }

        @Override
        String done() {
            return "Buildpack added";
        }
    }

    /** set and add: one NAME|URL, refused when the app already has it. */
    abstract static class Change extends AppCommand {
        @Parameters(index = "0", paramLabel = "NAME|URL", description = "a built-in buildpack or an http(s) URL")
        String buildpack;

        Change(CliContext ctx) {
            super(ctx);
        }

        abstract List<String> change(List<String> current);

        abstract String done();

        @Override
        public Integer call() {
            buildpack = buildpack.strip();
            String app = app();
            List<String> current = urls(client().buildpacks(app));
            if (current.contains(buildpack)) {
                throw new CliException("the buildpack " + buildpack + " is already set on " + app);
            }
            List<String> next = urls(client().setBuildpacks(app, change(current)));
            nextRelease(out(), app, done(), next);
            return 0;
        }
    }

    @Command(name = "buildpacks:remove", mixinStandardHelpOptions = true,
            description = "Remove a buildpack from an app's list, by NAME|URL or by --index.")
    public static class Remove extends AppCommand {
        @ArgGroup(multiplicity = "1")
        Which which;

        static class Which {
            @Parameters(index = "0", paramLabel = "NAME|URL", description = "the buildpack to remove")
            String buildpack;
            @Option(names = {"-i", "--index"}, paramLabel = "N", description = "the position to remove, from 1")
            Integer index;
        }

        Remove(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            int position = which.index == null ? 0 : position(which.index, 1);
            String app = app();
            List<String> next = new ArrayList<>(urls(client().buildpacks(app)));
            boolean removed = which.index != null
                    ? position <= next.size() && next.remove(position - 1) != null
                    : next.remove(which.buildpack.strip());
            if (!removed) {
                throw new CliException("no such buildpack on " + app + " (" + (which.index != null ? "index " + position
                        : which.buildpack.strip()) + "): nothing was removed; see paas buildpacks");
            }
            nextRelease(out(), app, "Buildpack removed", urls(client().setBuildpacks(app, next)));
            return 0;
        }
    }

    @Command(name = "buildpacks:clear", mixinStandardHelpOptions = true,
            description = "Remove every buildpack from an app's list: its builds detect one again.")
    public static class Clear extends AppCommand {
        Clear(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String app = app();
            nextRelease(out(), app, "Buildpacks cleared", urls(client().setBuildpacks(app, List.of())));
            // as Heroku warns: the next build would still not detect
            try {
                if (client().config(app).values().containsKey("BUILDPACK_URL")) {
                    ctx.err().println("warning: the BUILDPACK_URL config var is set: the next release uses it "
                            + "(paas config:unset BUILDPACK_URL to detect)");
                }
            } catch (ApiException e) {
                // only a warning
            }
            return 0;
        }
    }

    private static int position(Integer index, int fallback) {
        if (index != null && index < 1) {
            throw CliException.usage("--index counts from 1, not " + index);
        }
        return index == null ? fallback : index;
    }

    private static List<String> urls(List<Api.Buildpack> buildpacks) {
        return buildpacks.stream().map(Api.Buildpack::url).toList();
    }

    /** What the next push will run, in Heroku's words. */
    private static void nextRelease(Output out, String app, String what, List<String> next) {
        if (next.isEmpty()) {
            out.line(what + ". Next release on " + app + " will detect its buildpack normally.");
            return;
        }
        if (next.size() == 1) {
            out.line(what + ". Next release on " + app + " will use " + next.get(0) + ".");
        } else {
            out.line(what + ". Next release on " + app + " will use:");
            list(out, next, "  ");
        }
        out.line("Run git push to create a new release using " + (next.size() == 1 ? "this buildpack." : "these buildpacks."));
    }

    private static void list(Output out, List<String> urls, String indent) {
        if (urls.size() == 1 && indent.isEmpty()) {
            out.line(urls.get(0));
            return;
        }
        for (int i = 0; i < urls.size(); i++) {
            out.line(indent + (i + 1) + ". " + urls.get(i));
        }
    }
}
