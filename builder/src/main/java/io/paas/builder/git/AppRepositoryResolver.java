package io.paas.builder.git;

import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.resolver.RepositoryResolver;

/** Maps "<app>.git" to the app's repository by the id the auth filter got from the controller. */
public class AppRepositoryResolver implements RepositoryResolver<HttpServletRequest> {
    private final AppRepositories repositories;

    public AppRepositoryResolver(AppRepositories repositories) {
        this.repositories = repositories;
    }

    @Override
    public Repository open(HttpServletRequest request, String name) throws RepositoryNotFoundException {
        Object id = request.getAttribute(PushAuthFilter.APP_ID);
        return repositories.open(id == null ? null : id.toString(), name);
    }
}
