package io.paas.builder.ssh;

import io.paas.builder.git.AppName;
import io.paas.builder.git.AppReceivePackFactory;
import io.paas.builder.git.AppRepositories;
import io.paas.builder.git.PushRefusal;
import io.paas.builder.stores.AppId;
import io.paas.builder.stores.AppLocks;
import io.paas.client.Api;
import io.paas.client.ApiException;
import io.paas.client.ControllerClient;
import org.apache.sshd.common.util.threads.CloseableExecutorService;
import org.apache.sshd.git.AbstractGitCommand;
import org.apache.sshd.git.GitLocationResolver;
import org.eclipse.jgit.errors.UnpackException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.UploadPack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.locks.Lock;

/**
 * One git command over SSH (git-receive-pack or git-upload-pack '/APP.git'): the controller's push
 * check for the session's key and the app, then the same receive-pack (and build) as over HTTP.
 * Refusals go to the client's stderr, which git prints as they are.
 */
class GitCommand extends AbstractGitCommand {
    static final String RECEIVE = "git-receive-pack";
    static final String UPLOAD = "git-upload-pack";
    private static final Logger LOG = LoggerFactory.getLogger(GitCommand.class);

    private final ControllerClient controller;
    private final AppRepositories repositories;
    private final AppReceivePackFactory receivePacks;
    private final AppLocks locks;

    GitCommand(String command, CloseableExecutorService executor, GitLocationResolver unused,
               ControllerClient controller, AppRepositories repositories, AppReceivePackFactory receivePacks,
               AppLocks locks) {
        super(unused, command, executor);
        this.controller = controller;
        this.repositories = repositories;
        this.receivePacks = receivePacks;
        this.locks = locks;
    }

    @Override
    public void run() {
        int exit;
        try {
            exit = serve();
        } catch (UnpackException e) {
            // the client was told why in the protocol ("remote unpack failed: ...")
            LOG.info("git over ssh ({}): pack refused: {}", getCommand(), e.getCause() == null ? e : e.getCause());
            exit = 1;
        } catch (IOException | RuntimeException e) {
            // a client that sent garbage or went away: its push is over, the next one starts afresh
            LOG.info("git over ssh ({}) ended early: {}", getCommand(), e.toString());
            exit = refuse("the git command failed: " + e.getMessage());
        }
        flush(getOutputStream());
        flush(getErrorStream());
        onExit(exit);
    }

    private int serve() throws IOException {
        String[] args = arguments(getCommand());
        if (args.length != 2 || !(RECEIVE.equals(args[0]) || UPLOAD.equals(args[0]))) {
            return refuse("paas serves only git push and fetch: git remote add paas ssh://git@HOST:PORT/<app>.git");
        }
        String app = AppName.fromRepositoryPath(args[1]);
        if (app == null) {
            return refuse("not a paas app repository: '" + args[1] + "'; the git remote is ssh://git@HOST:PORT/<app>.git");
        }
        KeyAuthenticator.Pusher pusher = getServerSession().getAttribute(KeyAuthenticator.PUSHER);
        if (pusher == null) {
            return refuse("authentication required: add your key with paas keys:add");
        }
        Api.PushGrant grant;
        try {
            // asked for every command: a key removed (or a user disabled) since the login fails at once
            grant = controller.checkKey(app, pusher.fingerprint());
        } catch (ApiException e) {
            return refuse(PushRefusal.of(e, app, pusher.username(),
                    "this SSH key is not registered (any more): add it with paas keys:add").message());
        }
        if (!AppId.isValid(grant.appId())) {
            return refuse(PushRefusal.noAppId(app, grant.username(), grant));
        }
        Lock inUse = locks.enter(grant.appId());
        if (inUse == null) {
            return refuse(PushRefusal.destroyed(app));
        }
        try (Repository db = repositories.open(grant.appId(), app)) {
            if (RECEIVE.equals(args[0])) {
                receivePacks.receivePack(db, app, grant.appId(), grant.username())
                        .receive(getInputStream(), getOutputStream(), getErrorStream());
            } else {
                new UploadPack(db).upload(getInputStream(), getOutputStream(), getErrorStream());
            }
            return 0;
        } finally {
            inUse.unlock();
        }
    }

    /** "git-receive-pack '/app.git'" -> [git-receive-pack, /app.git], as sshd-git's own command reads it. */
    static String[] arguments(String command) {
        List<String> parts = parseDelimitedString(command == null ? "" : command, " ", true);
        String[] args = parts.toArray(new String[0]);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.length() >= 2 && (arg.startsWith("'") && arg.endsWith("'")
                    || arg.startsWith("\"") && arg.endsWith("\""))) {
                args[i] = arg.substring(1, arg.length() - 1);
            }
        }
        return args;
    }

    private int refuse(String message) {
        try {
            getErrorStream().write(("paas: " + message + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the client is gone
        }
        return 1;
    }

    private static void flush(OutputStream out) {
        try {
            out.flush();
        } catch (IOException e) {
            // the client is gone
        }
    }
}
