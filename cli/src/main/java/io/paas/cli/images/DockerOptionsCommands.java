package io.paas.cli.images;

import io.paas.cli.CliContext;
import io.paas.cli.support.AppCommand;
import io.paas.cli.support.AppJsonCommand;
import io.paas.cli.support.CliException;
import io.paas.cli.support.Output;
import io.paas.client.Api;
import io.paas.client.ControllerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Dokku's docker-options (build phase: --build-arg) and builder-dockerfile (dockerfile-path): how
 * the engine builds the app's Dockerfile at its next push.
 */
public final class DockerOptionsCommands {
    private static final String PHASE = "build";

    private DockerOptionsCommands() {
    }

    @Command(name = "docker-options", mixinStandardHelpOptions = true,
            description = "Show the build args and the Dockerfile path used at the app's next Dockerfile build.")
    public static class Show extends AppJsonCommand {
        Show(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String app = app();
            Api.DockerOptions options = client().dockerOptions(app);
            return printJsonOr(options, out -> {
                out.heading(app + " Docker Options");
                Map<String, String> shown = new LinkedHashMap<>();
                shown.put("Dockerfile", options.dockerfilePath() == null ? "Dockerfile" : options.dockerfilePath());
                new TreeMap<>(options.buildArgs()).forEach((name, value) -> shown.put("--build-arg " + name, value));
                out.keyValues(shown);
            });
        }
    }

    @Command(name = "docker-options:add", mixinStandardHelpOptions = true,
            description = {"Add build args to the app's Dockerfile builds (from its next push).",
                "Example: paas docker-options:add build --build-arg NODE_ENV=production (the phase word is optional)."})
    public static class Add extends AppCommand {
        @Parameters(arity = "0..1", paramLabel = "PHASE", description = "build (the only phase with options here)")
        String phase;

        @Option(names = "--build-arg", required = true, paramLabel = "NAME=VALUE", description = "a build arg (repeatable)")
        List<String> buildArgs = new ArrayList<>();

        Add(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            checkPhase(phase);
            Map<String, String> added = new LinkedHashMap<>();
            for (String arg : buildArgs) {
                int eq = arg.indexOf('=');
                if (eq <= 0) {
                    throw CliException.usage("expected --build-arg NAME=VALUE, got '" + arg + "'");
                }
                added.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
            String app = app();
            changeBuildArgs(client(), out(), app, "Adding build args " + String.join(", ", added.keySet()) + " to " + app,
                    args -> args.putAll(added));
            return 0;
        }
    }

    @Command(name = "docker-options:remove", mixinStandardHelpOptions = true,
            description = "Remove build args from the app's Dockerfile builds, by name.")
    public static class Remove extends AppCommand {
        @Parameters(arity = "0..1", paramLabel = "PHASE", description = "build")
        String phase;

        @Option(names = "--build-arg", required = true, paramLabel = "NAME", description = "a build arg's name (repeatable)")
        List<String> names = new ArrayList<>();

        Remove(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            checkPhase(phase);
            String app = app();
            changeBuildArgs(client(), out(), app, "Removing build args " + String.join(", ", names) + " from " + app, args -> {
                List<String> missing = names.stream().map(n -> n.contains("=") ? n.substring(0, n.indexOf('=')) : n)
                        .filter(n -> args.remove(n) == null).toList();
                if (!missing.isEmpty()) {
                    throw new CliException("no build arg " + String.join(", ", missing) + " on " + app + ": see paas docker-options");
                }
            });
            return 0;
        }
    }

    @Command(name = "builder-dockerfile:set", mixinStandardHelpOptions = true,
            description = {"Build the app from a Dockerfile elsewhere in the repository (the context stays the repository's root).",
                "Example: paas builder-dockerfile:set dockerfile-path docker/Dockerfile.web; without PATH: back to ./Dockerfile."})
    public static class SetDockerfile extends AppCommand {
        @Parameters(index = "0", paramLabel = "KEY", description = "dockerfile-path")
        String key;

        @Parameters(index = "1", arity = "0..1", paramLabel = "PATH", description = "the Dockerfile's path in the repository")
        String path;

        SetDockerfile(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            if (!"dockerfile-path".equals(key)) {
                throw CliException.usage("unknown key '" + key + "': the one key is dockerfile-path");
            }
            String app = app();
            ControllerClient client = client();
            Api.DockerOptions current = client.dockerOptions(app);
            Api.DockerOptions saved = out().action("Setting the Dockerfile of " + app,
                    () -> client.setDockerOptions(app, new Api.DockerOptions(current.buildArgs(), path)),
                    options -> (options.dockerfilePath() == null ? "Dockerfile" : options.dockerfilePath())
                            + " from the next push");
            return saved == null ? 1 : 0;
        }
    }

    /** Reads the app's build args, lets change edit them, and saves them with the Dockerfile path as it was. */
    private static void changeBuildArgs(ControllerClient client, Output out, String app, String label,
                                        Consumer<Map<String, String>> change) {
        Api.DockerOptions current = client.dockerOptions(app);
        Map<String, String> args = new TreeMap<>(current.buildArgs());
        change.accept(args);
        out.action(label, () -> client.setDockerOptions(app, new Api.DockerOptions(args, current.dockerfilePath())),
                ignored -> "used from the next push");
    }

    private static void checkPhase(String phase) {
        if (phase != null && !PHASE.equals(phase)) {
            throw CliException.usage("only the build phase takes options here (run and deploy options belong to the platform), not '"
                    + phase + "'");
        }
    }
}
