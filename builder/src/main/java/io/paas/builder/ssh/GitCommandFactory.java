package io.paas.builder.ssh;

import io.paas.builder.git.AppReceivePackFactory;
import io.paas.builder.git.AppRepositories;
import io.paas.builder.stores.AppLocks;
import io.paas.client.ControllerClient;
import org.apache.sshd.git.AbstractGitCommand;
import org.apache.sshd.git.AbstractGitCommandFactory;
import org.apache.sshd.git.GitLocationResolver;

import java.nio.file.Path;

/** sshd-git's command factory for "git-..." commands, making {@link GitCommand}s; any other command is refused. */
class GitCommandFactory extends AbstractGitCommandFactory {
    private final ControllerClient controller;
    private final AppRepositories repositories;
    private final AppReceivePackFactory receivePacks;
    private final AppLocks locks;

    GitCommandFactory(Path gitDir, ControllerClient controller, AppRepositories repositories,
                      AppReceivePackFactory receivePacks, AppLocks locks) {
        super("paas-git", "git-");
        // sshd-git's own resolver maps paths to directories: ours goes by the app id the controller gives
        withGitLocationResolver(GitLocationResolver.constantPath(gitDir));
        this.controller = controller;
        this.repositories = repositories;
        this.receivePacks = receivePacks;
        this.locks = locks;
    }

    @Override
    protected AbstractGitCommand createGitCommand(String command) {
        return new GitCommand(command, resolveExecutorService(command), getGitLocationResolver(), controller,
                repositories, receivePacks, locks);
    }
}
