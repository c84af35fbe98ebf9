package io.paas.router;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A port for "any free port" that connections to it really reach, held (SO_REUSEPORT) until the router's own
 * listeners have joined it. A port the kernel calls free may still be taken: Podman publishes a container's port
 * on a random host port with only a netfilter DNAT rule and no socket, so a later bind(0) can be handed that port
 * and every local connection to it goes to the container (or to a dead address: connection refused, no route,
 * time-out) instead of to us. So each port is tried with a loopback connection first; one that does not arrive
 * stays bound while the next is tried, so the kernel does not hand it out again.
 */
public final class AnyPort {
    private static final int ATTEMPTS = 20;
    /** A genuine loopback connection is accepted at once; a hijacked one is refused, unreachable or never arrives. */
    private static final int TRY_MILLIS = 1_000;

    private final ServerSocketChannel held;
    private final int port;

    private AnyPort(ServerSocketChannel held, int port) {
        this.held = held;
        this.port = port;
    }

    /**
     * Binds on a checked port of host and completes with bind's result. join: bind's listeners set SO_REUSEPORT
     * and join the port while it is still held, so nothing else can be handed it in between; otherwise (a listener
     * that cannot share) it is let go of just before.
     */
    public static <T> Future<T> bind(Vertx vertx, String host, boolean join, Function<Integer, Future<T>> bind) {
        return vertx.executeBlocking(() -> take(host)).compose(any -> {
            if (!join) {
                any.close();
            }
            return bind.apply(any.port).eventually(() -> {
                any.close();
                return Future.succeededFuture();
            });
        });
    }

    /** Blocks for up to a second per taken port it rejects, so it runs off the event loops. */
    private static AnyPort take(String host) throws IOException {
        InetAddress address = InetAddress.getByName(host);
        InetAddress target = address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : address;
        List<ServerSocketChannel> taken = new ArrayList<>();
        try {
            for (int i = 0; i < ATTEMPTS; i++) {
                ServerSocketChannel candidate = ServerSocketChannel.open();
                try {
                    candidate.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                    candidate.setOption(StandardSocketOptions.SO_REUSEPORT, true);
                    candidate.bind(new InetSocketAddress(address, 0));
                } catch (IOException e) {
                    candidate.close();
                    throw e;
                }
                int port = ((InetSocketAddress) candidate.getLocalAddress()).getPort();
                if (reaches(candidate, new InetSocketAddress(target, port))) {
                    return new AnyPort(candidate, port);
                }
                taken.add(candidate);
            }
        } finally {
            for (ServerSocketChannel channel : taken) {
                channel.close();
            }
        }
        throw new BindException("no free port on " + host + " that connections reach: " + ATTEMPTS
                + " in a row were redirected elsewhere (netfilter port forwards?)");
    }

    /** Whether a connection to target is the one the candidate accepts. */
    private static boolean reaches(ServerSocketChannel candidate, InetSocketAddress target) {
        try (Socket client = new Socket()) {
            client.connect(target, TRY_MILLIS);
            candidate.socket().setSoTimeout(TRY_MILLIS);
            // The adaptor's accept, not the channel's: only it honours the time-out.
            try (Socket accepted = candidate.socket().accept()) {
                // The client closes first, so the TIME_WAIT stays on its own port and not on the one checked.
                client.close();
                return accepted.getPort() == client.getLocalPort();
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** Lets go of the port: the listeners that joined it keep it. */
    private void close() {
        try {
            held.close();
        } catch (IOException e) {
            // Only the check's own socket: nothing to do.
        }
    }
}
