package io.paas.router;

import io.vertx.core.transport.Transport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Podman publishes a container's port on a random host port with a netfilter DNAT rule and no socket, so the
 * kernel may hand that port to a later bind(0), and local connections to it then go to the container: a router
 * started on port 0 in CI answered "connection refused". Here a rule of the same kind (nat output hook, DNAT to a
 * port nobody listens on) takes every port of a private loopback address with bit 1 set, half of them, and routers
 * started on port 0 there must still be reached on each of their ports. Needs root and nft; skipped elsewhere.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForwardedPortTest {
    /** An address of its own (all of 127/8 is loopback), so the rule touches nothing else on this machine. */
    private static final String HOST = "127.0.0.7";
    private static final int ROUTERS = 6;

    private final String table = "paas_router_test_" + ProcessHandle.current().pid();

    @BeforeAll
    void forwardHalfThePorts() throws Exception {
        assumeTrue(nft("add", "table", "ip", table), "nft cannot change the ruleset here (needs root)");
        assertTrue(nft("add", "chain", "ip", table, "out", "{ type nat hook output priority -100; policy accept; }"));
        assertTrue(nft("add", "rule", "ip", table, "out", "ip", "daddr", HOST, "tcp", "dport", "&", "2", "==", "2",
                "dnat", "to", HOST + ":1"));
    }

    @AfterAll
    void removeTheRule() throws Exception {
        nft("delete", "table", "ip", table);
    }

    @ParameterizedTest
    @ValueSource(strings = {"io_uring", "epoll", "nio"})
    void routerOnAnyPortIsReachedOnEachOfItsPorts(String transport) throws Exception {
        assumeTrue(!transport.equals("io_uring") || Transport.IO_URING.available(), "no io_uring here");
        assumeTrue(!transport.equals("epoll") || Transport.EPOLL.available(), "no epoll here");
        for (int i = 0; i < ROUTERS; i++) {
            Router router = Router.start(RouterSettings.of(HOST, 0, "http://127.0.0.1:" + freePort(), () -> null, 2, 1000)
                    .withTransport(transport)).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            try {
                String plain = get(router.port(), "app1.localhost", "/");
                assertTrue(plain.startsWith("HTTP/1.1 503") && plain.contains("router is starting"),
                        "plain port " + router.port() + ": " + plain);
                String admin = get(router.adminPort(), "localhost", "/healthz");
                assertTrue(admin.startsWith("HTTP/1.1 503") && admin.contains("no route table yet"),
                        "admin port " + router.adminPort() + ": " + admin);
                try (Socket tls = new Socket()) {
                    tls.connect(new InetSocketAddress(HOST, router.tlsPort()), 5_000);
                } catch (IOException e) {
                    throw new AssertionError("TLS port " + router.tlsPort() + ": " + e, e);
                }
            } finally {
                router.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static String get(int port, String host, String path) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static boolean nft(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "nft";
        System.arraycopy(args, 0, command, 1, args.length);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
