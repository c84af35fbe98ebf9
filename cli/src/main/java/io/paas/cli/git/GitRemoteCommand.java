package io.paas.cli.git;

import io.paas.cli.CliContext;
import io.paas.cli.support.CliException;
import io.paas.cli.support.Git;
import io.paas.cli.support.GitRemote;
import io.paas.cli.support.RemoteSetter;
import io.paas.cli.support.Session;
import io.paas.client.Api;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.concurrent.Callable;

/** git:remote: gives a clone of an app's code (or any work tree) the app's git remote, as Heroku's does. */
@Command(name = "git:remote", mixinStandardHelpOptions = true,
        description = "Add (or update) the git remote of an existing app in this repository, e.g. after a fresh clone.")
public class GitRemoteCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Option(names = {"-a", "--app"}, required = true, paramLabel = "APP", description = "app name")
    String app;

    @Option(names = {"-r", "--remote"}, paramLabel = "REMOTE", description = "name of the git remote (default: paas)")
    String remote = GitRemote.NAME;

    GitRemoteCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        RemoteSetter.checkName(remote);
        Git git = new Git(ctx);
        if (!git.insideWorkTree()) {
            throw new CliException("not inside a git repository: cd into the app's clone (or git init) first");
        }
        Api.App found = Session.client(ctx).app(app.strip()).app();
        if (found.gitUrl() == null) {
            throw new CliException("the controller gives no git URL for " + found.name());
        }
        ctx.out().println(RemoteSetter.set(git, remote, found.gitUrl()));
        return 0;
    }
}
