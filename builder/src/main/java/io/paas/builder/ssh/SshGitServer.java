package io.paas.builder.ssh;

import io.paas.builder.build.BuildRunner;
import io.paas.builder.git.AppReceivePackFactory;
import io.paas.builder.git.AppRepositories;
import io.paas.builder.stores.AppStores;
import io.paas.client.ControllerClient;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.forward.RejectAllForwardingFilter;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

/**
 * git over SSH (Apache MINA sshd + sshd-git): ssh://git@HOST:PORT/<app>.git, public keys only (those
 * users added with `paas keys:add`), git-receive-pack and git-upload-pack only, no shell, no
 * forwarding. The host key is made once and kept in the data directory, so clients' known_hosts stay valid.
 */
public class SshGitServer implements AutoCloseable {
    // a build runs inside the push and may be silent for minutes, as over HTTP
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);

    private final SshServer server;
    private final SimpleGeneratorHostKeyProvider hostKeys;
    private final Path hostKey;

    public SshGitServer(String bind, int port, Path hostKey, ControllerClient controller, BuildRunner runner,
                        AppStores stores) {
        this.hostKey = hostKey;
        hostKeys = new SimpleGeneratorHostKeyProvider(hostKey);
        hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        hostKeys.setKeySize(256);
        server = SshServer.setUpDefaultServer();
        server.setHost(bind);
        server.setPort(port);
        server.setKeyPairProvider(hostKeys);
        server.setPublickeyAuthenticator(new KeyAuthenticator(controller));
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setGSSAuthenticator(null);
        server.setHostBasedAuthenticator(null);
        server.setForwardingFilter(RejectAllForwardingFilter.INSTANCE);
        server.setCommandFactory(new GitCommandFactory(stores.gitDir(), controller, new AppRepositories(stores.gitDir()),
                new AppReceivePackFactory(runner, stores.locks()), stores.locks()));
        CoreModuleProperties.IDLE_TIMEOUT.set(server, IDLE_TIMEOUT);
        CoreModuleProperties.SERVER_IDENTIFICATION.set(server, "paas");
    }

    public SshGitServer start() throws IOException {
        Files.createDirectories(hostKey.getParent());
        hostKeys.loadKeys(null);
        Files.setPosixFilePermissions(hostKey, PosixFilePermissions.fromString("rw-------"));
        server.start();
        return this;
    }

    /** The bound port (useful when started on port 0). */
    public int port() {
        return server.getPort();
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
