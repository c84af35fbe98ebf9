package io.paas.builder.git;

import io.paas.builder.stores.AppId;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.resolver.RepositoryResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Maps "<app>.git" to the bare repository $PAAS_HOME/git/<app id>.git, creating it on first use.
 * The id is the one the auth filter got from the controller: by name, a new app would get the
 * repository of a destroyed one with the same name.
 */
public class AppRepositoryResolver implements RepositoryResolver<HttpServletRequest> {
    private final Path gitDir;

    public AppRepositoryResolver(Path gitDir) {
        this.gitDir = gitDir;
    }

    @Override
    public Repository open(HttpServletRequest request, String name) throws RepositoryNotFoundException {
        Object id = request.getAttribute(PushAuthFilter.APP_ID);
        if (id == null || !AppId.isValid(id.toString())) {
            throw new RepositoryNotFoundException(name);
        }
        Path dir = gitDir.resolve(id + ".git");
        try {
            synchronized (this) {
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
