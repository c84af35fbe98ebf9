package io.paas.cli.auth;

import io.paas.cli.CliContext;
import io.paas.cli.support.CliException;
import io.paas.cli.support.JsonOption;
import io.paas.cli.support.Output;
import io.paas.cli.support.Session;
import io.paas.cli.support.UserConfig;
import io.paas.cli.support.UserConfigStore;
import io.paas.client.Api;
import io.paas.client.ControllerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/** register, login, logout, whoami. */
public final class AuthCommands {
    private AuthCommands() {
    }

    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Create a user on a paas controller and log in as it.")
    public static class Register implements Callable<Integer> {
        private final CliContext ctx;
        @Mixin
        CredentialOptions credentials;

        Register(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            UserConfigStore store = new UserConfigStore(ctx);
            String url = credentials.controllerUrl(ctx, store.load().controller());
            String password = credentials.password(ctx, true);
            ControllerClient client = new ControllerClient(url, null);
            Api.Session session = client.register(credentials.username, password);
            ctx.out().println("Registered " + session.username() + " at " + url);
            new LoginFinisher(ctx).finish(client, session);
            return 0;
        }
    }

    @Command(name = "login", mixinStandardHelpOptions = true, description = "Log in to a paas controller.")
    public static class Login implements Callable<Integer> {
        private final CliContext ctx;
        @Mixin
        CredentialOptions credentials;

        Login(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            UserConfigStore store = new UserConfigStore(ctx);
            String url = credentials.controllerUrl(ctx, store.load().controller());
            String password = credentials.password(ctx, false);
            ControllerClient client = new ControllerClient(url, null);
            new LoginFinisher(ctx).finish(client, client.login(credentials.username, password));
            return 0;
        }
    }

    @Command(name = "logout", mixinStandardHelpOptions = true, description = "Forget the API token of this machine.")
    public static class Logout implements Callable<Integer> {
        private final CliContext ctx;

        Logout(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            UserConfigStore store = new UserConfigStore(ctx);
            UserConfig config = store.load();
            if (!config.loggedIn()) {
                ctx.out().println("Not logged in");
                return 0;
            }
            store.save(config.withoutToken());
            ctx.out().println("Logged out " + config.username());
            return 0;
        }
    }

    @Command(name = "whoami", mixinStandardHelpOptions = true, description = "Show the user you are logged in as.")
    public static class Whoami implements Callable<Integer> {
        private final CliContext ctx;
        @Mixin
        JsonOption json;

        Whoami(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Api.User user = Session.client(ctx).whoami();
            if (json.enabled()) {
                new Output(ctx.out()).json(user);
            } else {
                ctx.out().println(user.username());
            }
            return 0;
        }
    }

    /** After register or login: keep the token and let git use it for the builder. */
    static class LoginFinisher {
        private final CliContext ctx;

        LoginFinisher(CliContext ctx) {
            this.ctx = ctx;
        }

        void finish(ControllerClient client, Api.Session session) {
            String builderUrl = builderUrl(client);
            new UserConfigStore(ctx).save(new UserConfig(client.baseUrl(), session.username(), session.token(), builderUrl));
            ctx.out().println("Logged in as " + session.username());
            if (builderUrl == null) {
                return;
            }
            try {
                new GitCredentialSetup(ctx).configure(builderUrl, session.username());
                ctx.out().println("Git credentials configured for " + builderUrl);
            } catch (CliException e) {
                // Logged in all the same: only `git push` needs this, and the message says how to fix it.
                ctx.out().flush();
                ctx.err().println("warning: " + e.getMessage());
            }
        }

        private String builderUrl(ControllerClient client) {
            String url = client.info().builderUrl();
            if (url == null || url.isBlank()) {
                ctx.err().println("warning: the controller announces no builder URL; git push will not be set up");
                return null;
            }
            url = url.strip();
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
    }
}
