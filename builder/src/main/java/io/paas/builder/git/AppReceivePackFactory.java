package io.paas.builder.git;

import io.paas.builder.build.BuildRunner;
import io.paas.builder.stores.AppLocks;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.resolver.ReceivePackFactory;
import org.eclipse.jgit.transport.resolver.ServiceNotAuthorizedException;

/** Receive-pack for users the auth filter let through, with the build as its pre-receive hook. */
public class AppReceivePackFactory implements ReceivePackFactory<HttpServletRequest> {
    private final BuildRunner runner;
    private final AppLocks locks;

    public AppReceivePackFactory(BuildRunner runner, AppLocks locks) {
        this.runner = runner;
        this.locks = locks;
    }

    @Override
    public ReceivePack create(HttpServletRequest request, Repository db) throws ServiceNotAuthorizedException {
        String user = request.getRemoteUser();
        Object app = request.getAttribute(PushAuthFilter.APP);
        Object appId = request.getAttribute(PushAuthFilter.APP_ID);
        if (user == null || app == null || appId == null) {
            throw new ServiceNotAuthorizedException();
        }
        ReceivePack rp = new QuietReceivePack(db);
        rp.setRefLogIdent(new PersonIdent(user, user + "@paas"));
        rp.setCheckReceivedObjects(true);
        rp.setPreReceiveHook(new BuildOnPush(app.toString(), appId.toString(), user, runner, locks));
        return rp;
    }
}
