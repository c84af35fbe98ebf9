package io.paas.cli.support;

import io.paas.cli.CliContext;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.stream.Collectors;

/**
 * `-a/--app` and `-r/--remote`: the app a command is about. Without either, the app comes from the git
 * remote of the current work tree that points at this platform, whatever its name.
 */
public class AppOption {
    public static final String NO_APP = "no app given: use -a APP, or run inside the app's git clone";

    @Option(names = {"-a", "--app"}, paramLabel = "APP",
            description = "app name (default: from the git remote that points at this platform)")
    String app;

    @Option(names = {"-r", "--remote"}, paramLabel = "REMOTE", description = "git remote to take the app from")
    String remote;

    /** The app -a names, without looking at git remotes; null when -a is not given. */
    public String given() {
        return blankToNull(app);
    }

    public String resolve(CliContext ctx) {
        return resolve(ctx, null);
    }

    /** As resolve, for commands that also take the app as an argument (`paas apps:info myapp`), as Heroku's do. */
    public String resolve(CliContext ctx, String argument) {
        String fromArgument = blankToNull(argument);
        String fromOption = blankToNull(app);
        if (fromArgument != null && fromOption != null && !fromArgument.equals(fromOption)) {
            throw CliException.usage("two apps given: " + fromArgument + " and -a " + fromOption);
        }
        String given = fromArgument != null ? fromArgument : fromOption;
        if (given != null && remote != null) {
            throw CliException.usage("give either the app or -r REMOTE, not both");
        }
        if (given != null) {
            return given;
        }
        PlatformRemotes platform = PlatformRemotes.of(new UserConfigStore(ctx).load());
        List<GitRemote> remotes = new Git(ctx).remotes();
        return remote != null ? fromNamedRemote(platform, remotes) : fromPlatformRemotes(platform, remotes);
    }

    private String fromNamedRemote(PlatformRemotes platform, List<GitRemote> remotes) {
        if (remotes == null) {
            throw new CliException("-r " + remote + " needs a git repository: run inside the app's git clone, or use -a APP");
        }
        GitRemote named = remotes.stream().filter(r -> r.name().equals(remote)).findFirst()
                .orElseThrow(() -> new CliException("no git remote named " + remote + " here"
                        + (remotes.isEmpty() ? " (this repository has none)"
                        : " (remotes: " + remotes.stream().map(GitRemote::name).distinct().collect(Collectors.joining(", ")) + ")")));
        if (!platform.pointsHere(named)) {
            throw new CliException("git remote " + remote + " (" + named.url() + ") does not point at this platform's git server"
                    + (platform.builderUrl() == null ? "" : " " + platform.builderUrl())
                    + ": use -a APP, or point it at the app with paas git:remote -a APP -r " + remote);
        }
        return named.app();
    }

    private static String fromPlatformRemotes(PlatformRemotes platform, List<GitRemote> remotes) {
        if (remotes == null) {
            throw new CliException(NO_APP);
        }
        List<GitRemote> here = platform.filter(remotes);
        List<String> apps = here.stream().map(GitRemote::app).distinct().toList();
        if (apps.size() > 1) {
            throw new CliException("several git remotes point at this platform: "
                    + here.stream().map(r -> r.name() + " (" + r.app() + ")").collect(Collectors.joining(", "))
                    + ": pick one with -r REMOTE or -a APP");
        }
        if (apps.isEmpty()) {
            String where = platform.builderUrl() == null ? "no git remote named " + GitRemote.NAME + " here"
                    : "no git remote here points at this platform's git server " + platform.builderUrl();
            throw new CliException("no app given: " + where + ": use -a APP, or add the app's remote with paas git:remote -a APP");
        }
        return apps.get(0);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
