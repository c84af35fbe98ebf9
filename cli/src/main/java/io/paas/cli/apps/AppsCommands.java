package io.paas.cli.apps;

import io.paas.cli.CliContext;
import io.paas.cli.support.AppCommand;
import io.paas.cli.support.AppJsonCommand;
import io.paas.cli.support.Confirmation;
import io.paas.cli.support.Git;
import io.paas.cli.support.GitRemote;
import io.paas.cli.support.JsonOption;
import io.paas.cli.support.Output;
import io.paas.cli.support.PlatformRemotes;
import io.paas.cli.support.RemoteSetter;
import io.paas.cli.support.Session;
import io.paas.cli.support.UserConfigStore;
import io.paas.client.Api;
import io.paas.client.ControllerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** apps, apps:create, apps:info, apps:destroy (and Heroku's short forms create, info, destroy). */
public final class AppsCommands {
    private AppsCommands() {
    }

    @Command(name = "apps", mixinStandardHelpOptions = true, description = "List your apps.")
    public static class ListApps implements Callable<Integer> {
        private final CliContext ctx;
        @Mixin
        JsonOption json;

        ListApps(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            List<Api.App> apps = Session.client(ctx).apps();
            Output out = new Output(ctx.out());
            if (json.enabled()) {
                out.json(apps);
                return 0;
            }
            out.heading("Apps");
            if (apps.isEmpty()) {
                out.line("You have no apps. Create one with: paas apps:create NAME");
            }
            apps.forEach(app -> out.line(app.name()));
            return 0;
        }
    }

    @Command(name = "apps:create", aliases = "create", mixinStandardHelpOptions = true,
            description = "Create an app; inside a git repository, also add its git remote ('paas', or -r NAME).")
    public static class Create implements Callable<Integer> {
        private final CliContext ctx;
        @Mixin
        JsonOption json;

        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "app name (default: one is picked)")
        String name;

        @Option(names = {"-t", "--team"}, paramLabel = "TEAM", description = "create it as one of your team's apps")
        String team;

        @Option(names = "--no-remote", description = "do not add a git remote")
        boolean noRemote;

        @Option(names = {"-r", "--remote"}, paramLabel = "REMOTE", description = "name of the git remote to add (default: paas)")
        String remote = GitRemote.NAME;

        Create(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            if (!noRemote) {
                RemoteSetter.checkName(remote);
            }
            ControllerClient client = Session.client(ctx);
            Output out = new Output(ctx.out());
            Api.App app;
            if (json.enabled()) {
                app = client.createApp(name, team);
            } else {
                String label = name == null ? "Creating app" : "Creating app " + name;
                app = out.action(label, () -> client.createApp(name, team), created -> name == null ? created.name() : null);
                out.line(app.url() + " | " + app.gitUrl());
                if (app.sshUrl() != null) {
                    out.line("git over SSH (after paas keys:add): " + app.sshUrl());
                }
            }
            if (!noRemote) {
                addRemote(app, out);
            }
            if (json.enabled()) {
                out.json(app);
            }
            return 0;
        }

        private void addRemote(Api.App app, Output out) {
            Git git = new Git(ctx);
            if (app.gitUrl() == null || !git.insideWorkTree()) {
                return;
            }
            String said = RemoteSetter.set(git, remote, app.gitUrl());
            if (!json.enabled()) {
                out.line(said);
            }
        }
    }

    @Command(name = "apps:info", aliases = "info", mixinStandardHelpOptions = true, description = "Show an app: URLs, release, processes.")
    public static class Info extends AppJsonCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "APP", description = "app name (or -a APP)")
        String appArgument;

        Info(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String appName = app(appArgument);
            Api.AppInfo info = client().app(appName);
            return printJsonOr(info, out -> {
                Api.App app = info.app();
                out.heading(app.name());
                Map<String, String> fields = new LinkedHashMap<>();
                fields.put("Owner", app.team() != null ? "team " + app.team() : app.owner());
                fields.put("Web URL", app.url());
                fields.put("Git URL", app.gitUrl());
                if (app.sshUrl() != null) {
                    fields.put("SSH Git URL", app.sshUrl());
                }
                fields.put("Release", info.release() == null ? "none (push to deploy)" : "v" + info.release().version());
                fields.put("Processes", formation(info.formation()));
                fields.put("Created", Output.time(app.createdAt()));
                out.keyValues(fields);
            });
        }

        private static String formation(Map<String, Integer> formation) {
            if (formation == null || formation.isEmpty()) {
                return "none";
            }
            return formation.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
        }
    }

    @Command(name = "apps:destroy", aliases = "destroy", mixinStandardHelpOptions = true,
            description = "Destroy an app: its processes, releases, config and git repository.")
    public static class Destroy extends AppCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "APP", description = "app name (or -a APP)")
        String appArgument;

        @Option(names = "--confirm", paramLabel = "APP", description = "the app name again, to confirm")
        String confirm;

        Destroy(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String appName = app(appArgument);
            Confirmation.require(ctx, appName, confirm, "This destroys " + appName + " and all its releases, for good.",
                    "this destroys it for good", "paas apps:destroy");
            ControllerClient client = client();
            out().action("Destroying app " + appName + " (including all its processes and releases)",
                    () -> client.destroyApp(appName));
            removeRemotes(appName);
            return 0;
        }

        /** As Heroku does: the remotes of a destroyed app would only make later commands fail. */
        private void removeRemotes(String appName) {
            Git git = new Git(ctx);
            List<GitRemote> remotes = git.remotes();
            if (remotes == null) {
                return;
            }
            PlatformRemotes platform = PlatformRemotes.of(new UserConfigStore(ctx).load());
            remotes.stream().filter(r -> platform.pointsHere(r) && appName.equals(r.app())).map(GitRemote::name).distinct()
                    .filter(name -> git.run("remote", "remove", name).ok())
                    .forEach(name -> ctx.out().println("Git remote " + name + " removed"));
        }
    }
}
