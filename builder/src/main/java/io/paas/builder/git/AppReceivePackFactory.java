package io.paas.builder.git;

import io.paas.builder.build.BuildRunner;
import io.paas.builder.metrics.BuilderMetrics;
import io.paas.builder.stores.AppLocks;
import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.ReceivePack;
import org.eclipse.jgit.transport.resolver.ReceivePackFactory;
import org.eclipse.jgit.transport.resolver.ServiceNotAuthorizedException;

/** Receive-pack for users the auth filter let through, with the build as its pre-receive hook. */
public class AppReceivePackFactory implements ReceivePackFactory<HttpServletRequest> {
    /** The most one push may send (its pack) unless PAAS_GIT_PACK_MAX says: twice the default cap of a slug. */
    public static final long DEFAULT_MAX_PACK_BYTES = 2L << 30;
    private final BuildRunner runner;
    private final AppLocks locks;
    private final long maxPackBytes;
    private final BuilderMetrics metrics;
    private final BuilderMetrics.Transport transport;

    /** transport: how the pushes this factory takes come, as counted in metrics. */
    public AppReceivePackFactory(BuildRunner runner, AppLocks locks, long maxPackBytes, BuilderMetrics metrics,
                                 BuilderMetrics.Transport transport) {
        this.runner = runner;
        this.locks = locks;
        this.maxPackBytes = maxPackBytes;
        this.metrics = metrics;
        this.transport = transport;
    }

    @Override
    public ReceivePack create(HttpServletRequest request, Repository db) throws ServiceNotAuthorizedException {
        String user = request.getRemoteUser();
        Object app = request.getAttribute(PushAuthFilter.APP);
        Object appId = request.getAttribute(PushAuthFilter.APP_ID);
        if (user == null || app == null || appId == null) {
            throw new ServiceNotAuthorizedException();
        }
        return receivePack(db, app.toString(), appId.toString(), user);
    }

    /** The receive-pack of a push by user to the app, over HTTP or SSH: checked objects, a bounded pack, the build. */
    public ReceivePack receivePack(Repository db, String app, String appId, String user) {
        ReceivePack rp = new QuietReceivePack(db);
        rp.setRefLogIdent(new PersonIdent(user, user + "@paas"));
        rp.setCheckReceivedObjects(true);
        // past this, JGit stops reading and deletes what it wrote: a pack can never fill the disk
        rp.setMaxPackSizeLimit(maxPackBytes);
        BuildOnPush build = new BuildOnPush(app, appId, user, runner, locks);
        // counted once its pack is in: over HTTP the factory also makes the receive-pack of the ref advertisement
        rp.setPreReceiveHook((pack, commands) -> {
            metrics.push(transport);
            build.onPreReceive(pack, commands);
        });
        return rp;
    }
}
