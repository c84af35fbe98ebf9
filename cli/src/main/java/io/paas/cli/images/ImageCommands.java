package io.paas.cli.images;

import io.paas.cli.CliContext;
import io.paas.cli.releases.DeployFailure;
import io.paas.cli.support.AppCommand;
import io.paas.cli.support.AppJsonCommand;
import io.paas.cli.support.CliException;
import io.paas.cli.support.Output;
import io.paas.cli.support.PasswordOptions;
import io.paas.client.Api;
import io.paas.client.ControllerClient;
import io.paas.client.Procfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * deploy:image (Deis' `pull`, Dokku's git:from-image): a prebuilt image deployed as it is, pinned by
 * digest; registry, registry:login and registry:logout keep the app's private registry credentials.
 */
public final class ImageCommands {
    private ImageCommands() {
    }

    @Command(name = "deploy:image", mixinStandardHelpOptions = true,
            description = {"Deploy a prebuilt image from a registry, pinned by the digest it has now; makes a new release.",
                "web runs the image's ENTRYPOINT/CMD on its lowest EXPOSEd TCP port, unless --procfile names commands",
                "(run through /bin/sh -c in the image; release: runs before the release goes live)."})
    public static class DeployImage extends AppCommand {
        @Parameters(index = "0", paramLabel = "IMAGE", description = "e.g. registry.example.com/team/web:1.4")
        String image;

        @Option(names = "--procfile", paramLabel = "FILE", description = "a Procfile whose commands run in the image")
        Path procfile;

        DeployImage(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            Map<String, String> processTypes = procfile == null ? null : procfile(ctx.workDir().resolve(procfile));
            String app = app();
            ControllerClient client = client();
            Api.Release release = out().action("Deploying " + image + " to " + app,
                    () -> DeployFailure.guardRelease(() -> client.deployImage(app, new Api.NewImage(image, processTypes))),
                    DeployFailure::made);
            out().line("       " + release.image());
            return 0;
        }

        private static Map<String, String> procfile(Path file) {
            try {
                Map<String, String> types = Procfile.parse(Files.readAllLines(file, StandardCharsets.UTF_8));
                if (types.isEmpty()) {
                    throw CliException.usage(file + " names no process type: write lines like web: ./server");
                }
                return types;
            } catch (IOException e) {
                throw CliException.usage("cannot read the Procfile " + file + ": " + e.getMessage());
            }
        }
    }

    @Command(name = "registry:login", mixinStandardHelpOptions = true,
            description = {"Store credentials for a private registry; the platform uses them to pull this app's images.",
                "The password is kept encrypted and never shown again."})
    public static class Login extends AppCommand {
        @Parameters(index = "0", paramLabel = "HOST", description = "registry host[:port], e.g. registry.example.com")
        String host;

        @Option(names = {"-u", "--username"}, required = true, paramLabel = "USER", description = "registry user name")
        String username;

        @Mixin
        PasswordOptions password;

        Login(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String app = app();
            String secret = password.read(ctx, false);
            ControllerClient client = client();
            out().action("Storing the login to " + host + " for " + app,
                    () -> client.saveRegistryLogin(app, host, username, secret), login -> "as " + login.username());
            return 0;
        }
    }

    @Command(name = "registry:logout", mixinStandardHelpOptions = true, description = "Forget the app's credentials for a registry.")
    public static class Logout extends AppCommand {
        @Parameters(index = "0", paramLabel = "HOST", description = "registry host[:port]")
        String host;

        Logout(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String app = app();
            ControllerClient client = client();
            out().action("Removing the login to " + host + " from " + app, () -> client.removeRegistryLogin(app, host));
            return 0;
        }
    }

    @Command(name = "registry", mixinStandardHelpOptions = true, description = "List the registries the app has logins for (never their passwords).")
    public static class ListLogins extends AppJsonCommand {
        ListLogins(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String app = app();
            List<Api.RegistryLogin> logins = client().registryLogins(app);
            return printJsonOr(logins, out -> {
                out.heading(app + " Registry Logins");
                if (logins.isEmpty()) {
                    out.line("None: images come from public registries. Add one with: paas registry:login HOST -u USER --password-stdin");
                    return;
                }
                out.table(List.of("HOST", "USER", "SINCE"), logins.stream()
                        .map(login -> List.of(login.host(), login.username(), Output.time(login.createdAt()))).toList());
            });
        }
    }
}
