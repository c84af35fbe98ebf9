package io.paas.builder.ssh;

import io.paas.builder.build.BuildRunner;
import io.paas.builder.git.AppReceivePackFactory;
import io.paas.builder.git.AppRepositories;
import io.paas.builder.metrics.BuilderMetrics;
import io.paas.builder.stores.AppStores;
import io.paas.client.ControllerClient;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.common.NamedFactory;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.kex.KeyExchangeFactory;
import java.util.List;
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

    private static final String NO_BOUNCY_CASTLE = "org.apache.sshd.security.provider.BC.enabled";

    static {
        // BouncyCastle is on the builder's class path (Jib's): sshd would register it, and verifying its
        // signed jar and its provider's thousands of services cost ~20 MB of an idle builder. The JDK's
        // providers and net.i2p's EdDSA cover every key type the platform takes.
        if (System.getProperty(NO_BOUNCY_CASTLE) == null) {
            System.setProperty(NO_BOUNCY_CASTLE, "false");
        }
    }

    /**
     * sshd's default key exchanges, OpenSSH's post-quantum ones first, listed without asking each whether
     * it is supported: the answer of the post-quantum ones loads BouncyCastle's signed jar (~12 MB of an
     * idle builder); now that happens only when a client negotiates one. BouncyCastle is on the class
     * path (docker-java's).
     */
    private static final List<KeyExchangeFactory> KEY_EXCHANGES = NamedFactory.setUpTransformedFactories(false,
            List.of(BuiltinDHFactories.mlkem768x25519, BuiltinDHFactories.sntrup761x25519_openssh,
                    BuiltinDHFactories.sntrup761x25519, BuiltinDHFactories.curve25519,
                    BuiltinDHFactories.curve25519_libssh, BuiltinDHFactories.ecdhp256, BuiltinDHFactories.ecdhp384,
                    BuiltinDHFactories.ecdhp521, BuiltinDHFactories.dhg16_512, BuiltinDHFactories.dhg14_256),
            ServerBuilder.DH2KEX);

    private final SshServer server;
    private final SimpleGeneratorHostKeyProvider hostKeys;
    private final Path hostKey;

    public SshGitServer(String bind, int port, Path hostKey, ControllerClient controller, BuildRunner runner,
                        AppStores stores, long maxPackBytes) {
        this(bind, port, hostKey, controller, runner, stores, maxPackBytes, new BuilderMetrics());
    }

    /** maxPackBytes: the most one push may send (PAAS_GIT_PACK_MAX), as over HTTP; metrics: where pushes are counted. */
    public SshGitServer(String bind, int port, Path hostKey, ControllerClient controller, BuildRunner runner,
                        AppStores stores, long maxPackBytes, BuilderMetrics metrics) {
        this.hostKey = hostKey;
        hostKeys = new SimpleGeneratorHostKeyProvider(hostKey);
        hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        hostKeys.setKeySize(256);
        server = ServerBuilder.builder().keyExchangeFactories(KEY_EXCHANGES).build();
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
                new AppReceivePackFactory(runner, stores.locks(), maxPackBytes, metrics,
                        BuilderMetrics.Transport.SSH), stores.locks()));
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
