package io.paas.builder.git;

import io.paas.builder.stores.AppId;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bare repository of an app id, $PAAS_HOME/git/<app id>.git, created on first use: for git over
 * HTTP and over SSH. The id is the one the controller's push check gave: by name, a new app would get
 * the repository of a destroyed one with the same name.
 */
public class AppRepositories {
    private final Path gitDir;

    public AppRepositories(Path gitDir) {
        this.gitDir = gitDir;
    }

    public Repository open(String appId, String name) throws RepositoryNotFoundException {
        if (appId == null || !AppId.isValid(appId)) {
            throw new RepositoryNotFoundException(name);
        }
        Path dir = gitDir.resolve(appId + ".git");
        try {
            // one lock for every instance: HTTP and SSH may create the same repository at once
            synchronized (AppRepositories.class) {
                if (!Files.isDirectory(dir)) {
                    create(dir);
                }
            }
            return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
        } catch (IOException e) {
            throw new RepositoryNotFoundException(name, e);
        }
    }

    private static void create(Path dir) throws IOException {
        Files.createDirectories(dir.getParent());
        try (Repository repository = new FileRepositoryBuilder().setGitDir(dir.toFile()).setBare().build()) {
            repository.create(true);
            StoredConfig config = repository.getConfig();
            // pushes are authorized by our own filter, not by JGit's "remote user" rule
            config.setBoolean("http", null, "receivepack", true);
            config.save();
        }
        // paas deploys main (or master): let a clone check out main, not JGit's default
        Files.writeString(dir.resolve("HEAD"), "ref: refs/heads/main\n");
    }
}
