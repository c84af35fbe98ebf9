package io.paas.builder.git;

import io.paas.builder.build.BuildFailure;
import io.paas.builder.build.BuildOutput;
import io.paas.builder.build.BuildRequest;
import io.paas.builder.build.BuildRunner;
import io.paas.builder.stores.AppLocks;
import org.eclipse.jgit.transport.PreReceiveHook;
import org.eclipse.jgit.transport.ReceiveCommand;
import org.eclipse.jgit.transport.ReceivePack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.concurrent.locks.ReentrantLock;

import static org.eclipse.jgit.transport.ReceiveCommand.Result.NOT_ATTEMPTED;
import static org.eclipse.jgit.transport.ReceiveCommand.Result.REJECTED_OTHER_REASON;

/**
 * Builds and releases a push to main or master before its ref is updated, so that a failed
 * build rejects the push ("! [remote rejected]") and the branch keeps what is deployed.
 */
public class BuildOnPush implements PreReceiveHook {
    static final String ONLY_MAIN = "paas deploys only main or master; push with: git push paas HEAD:main";
    private static final Logger LOG = LoggerFactory.getLogger(BuildOnPush.class);

    private final String app;
    private final String appId;
    private final String username;
    private final BuildRunner runner;
    private final AppLocks locks;

    public BuildOnPush(String app, String appId, String username, BuildRunner runner, AppLocks locks) {
        this.app = app;
        this.appId = appId;
        this.username = username;
        this.runner = runner;
        this.locks = locks;
    }

    @Override
    public void onPreReceive(ReceivePack rp, Collection<ReceiveCommand> commands) {
        ReceiveCommand deploy = null;
        for (ReceiveCommand cmd : commands) {
            if (cmd.getResult() != NOT_ATTEMPTED) {
                continue;
            }
            if (cmd.getType() == ReceiveCommand.Type.DELETE) {
                cmd.setResult(REJECTED_OTHER_REASON, "paas does not delete branches");
            } else if (!isDeployRef(cmd.getRefName())) {
                cmd.setResult(REJECTED_OTHER_REASON, ONLY_MAIN);
            } else if (deploy != null) {
                cmd.setResult(REJECTED_OTHER_REASON, "push main or master, not both at once");
            } else {
                deploy = cmd;
            }
        }
        if (deploy != null) {
            build(rp, deploy);
        }
    }

    private void build(ReceivePack rp, ReceiveCommand cmd) {
        // by id: a new app with a destroyed one's name need not wait for the old app's build
        ReentrantLock lock = locks.forApp(appId);
        if (!lock.tryLock()) {
            cmd.setResult(REJECTED_OTHER_REASON, "another build of " + app + " is running; push again when it ends");
            return;
        }
        BuildOutput out = new PushOutput(rp);
        try {
            runner.build(new BuildRequest(app, appId, username, rp.getRepository(), cmd.getNewId()), out);
        } catch (BuildFailure e) {
            // The reason travels in one protocol line: the whole story went out as "remote:" lines.
            cmd.setResult(REJECTED_OTHER_REASON, e.getMessage().lines().findFirst().orElse("build failed"));
        } catch (RuntimeException e) {
            LOG.error("build of {} at {} crashed", app, cmd.getNewId().name(), e);
            out.line(" !     Internal builder error: " + e);
            cmd.setResult(REJECTED_OTHER_REASON, "internal builder error");
        } finally {
            lock.unlock();
        }
    }

    static boolean isDeployRef(String ref) {
        return "refs/heads/main".equals(ref) || "refs/heads/master".equals(ref);
    }
}
