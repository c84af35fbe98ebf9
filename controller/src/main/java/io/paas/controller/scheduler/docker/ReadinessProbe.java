package io.paas.controller.scheduler.docker;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * Does a process answer on its endpoint? A refused connection is a no. An accepted one that the
 * peer closes at once is a no too: Docker's userland proxy accepts every connection and drops it
 * when nothing listens in the container. Silence (the server waits for a request) is a yes.
 */
final class ReadinessProbe {
    private static final int CONNECT_TIMEOUT_MILLIS = 200;
    private static final int EOF_WAIT_MILLIS = 15;

    boolean answers(String endpoint) {
        int colon = endpoint.lastIndexOf(':');
        String host = endpoint.substring(0, colon);
        int port = Integer.parseInt(endpoint.substring(colon + 1));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            socket.setSoTimeout(EOF_WAIT_MILLIS);
            InputStream in = socket.getInputStream();
            try {
                return in.read() >= 0;
            } catch (SocketTimeoutException silent) {
                return true;
            }
        } catch (IOException refusedOrReset) {
            return false;
        }
    }
}
