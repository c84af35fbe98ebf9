package io.paas.cli.support;

import io.paas.cli.CliContext;
import picocli.CommandLine.Option;

/** `-a/--app`, falling back to the app of the `paas` git remote of the current repository. */
public class AppOption {
    public static final String NO_APP = "no app given: use -a APP or run inside the app's git repo";

    @Option(names = {"-a", "--app"}, paramLabel = "APP", description = "app name (default: from the git remote 'paas')")
    String app;

    public String resolve(CliContext ctx) {
        if (app != null && !app.isBlank()) {
            return app.strip();
        }
        String fromRemote = GitRemote.appFromUrl(new Git(ctx).remoteUrl(GitRemote.NAME));
        if (fromRemote == null) {
            throw new CliException(NO_APP);
        }
        return fromRemote;
    }
}
