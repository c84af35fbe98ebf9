package io.paas.cli.apps;

import io.paas.cli.CliContext;
import io.paas.cli.support.AppCommand;
import io.paas.cli.support.AppJsonCommand;
import io.paas.cli.support.CliException;
import io.paas.cli.support.Git;
import io.paas.cli.support.GitRemote;
import io.paas.cli.support.JsonOption;
import io.paas.cli.support.Output;
import io.paas.cli.support.Session;
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

/** apps, apps:create, apps:info, apps:destroy. */
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

    @Command(name = "apps:create", mixinStandardHelpOptions = true,
            description = "Create an app; inside a git repository, also add the git remote 'paas'.")
    public static class Create implements Callable<Integer> {
        private final CliContext ctx;
        @Mixin
        JsonOption json;

        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "app name (default: one is picked)")
        String name;

        @Option(names = "--no-remote", description = "do not add the git remote 'paas'")
        boolean noRemote;

        Create(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            ControllerClient client = Session.client(ctx);
            Output out = new Output(ctx.out());
            Api.App app;
            if (json.enabled()) {
                app = client.createApp(name);
            } else {
                String label = name == null ? "Creating app" : "Creating app " + name;
                app = out.action(label, () -> client.createApp(name), created -> name == null ? created.name() : null);
                out.line(app.url() + " | " + app.gitUrl());
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
            boolean exists = git.remoteUrl(GitRemote.NAME) != null;
            git.runOrFail("remote", exists ? "set-url" : "add", GitRemote.NAME, app.gitUrl());
            if (!json.enabled()) {
                out.line("Git remote " + GitRemote.NAME + (exists ? " updated" : " added") + ": " + app.gitUrl());
            }
        }
    }

    @Command(name = "apps:info", mixinStandardHelpOptions = true, description = "Show an app: URLs, release, processes.")
    public static class Info extends AppJsonCommand {
        Info(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String appName = app();
            Api.AppInfo info = client().app(appName);
            return printJsonOr(info, out -> {
                Api.App app = info.app();
                out.heading(app.name());
                Map<String, String> fields = new LinkedHashMap<>();
                fields.put("Owner", app.owner());
                fields.put("Web URL", app.url());
                fields.put("Git URL", app.gitUrl());
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

    @Command(name = "apps:destroy", mixinStandardHelpOptions = true,
            description = "Destroy an app: its processes, releases, config and git repository.")
    public static class Destroy extends AppCommand {
        @Option(names = "--confirm", paramLabel = "APP", description = "the app name again, to confirm")
        String confirm;

        Destroy(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String appName = app();
            if (!appName.equals(confirmation(appName))) {
                throw new CliException("confirmation did not match " + appName
                        + ": this destroys it for good. To proceed, run: paas apps:destroy -a " + appName + " --confirm " + appName);
            }
            ControllerClient client = client();
            out().action("Destroying app " + appName + " (including all its processes and releases)",
                    () -> client.destroyApp(appName));
            removeRemote(appName);
            return 0;
        }

        private String confirmation(String appName) {
            if (confirm != null || ctx.console() == null) {
                return confirm;
            }
            ctx.out().println("This destroys " + appName + " and all its releases, for good.");
            ctx.out().flush();
            String typed = ctx.console().readLine("To proceed, type %s: ", appName);
            return typed == null ? null : typed.strip();
        }

        /** As Heroku does: the remote of a destroyed app would only make later commands fail. */
        private void removeRemote(String appName) {
            Git git = new Git(ctx);
            if (appName.equals(GitRemote.appFromUrl(git.remoteUrl(GitRemote.NAME)))
                    && git.run("remote", "remove", GitRemote.NAME).ok()) {
                ctx.out().println("Git remote " + GitRemote.NAME + " removed");
            }
        }
    }
}
