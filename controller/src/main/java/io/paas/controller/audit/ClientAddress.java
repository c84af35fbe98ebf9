package io.paas.controller.audit;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who called, as the audit trail and the login throttle name them: the connection's address, unless the
 * connection comes from this machine and carries X-Forwarded-For, as the router's do for PAAS_API_HOST: then the
 * last address in it, the one the router itself saw (a client's own X-Forwarded-For comes before it). App
 * containers cannot reach the machine's loopback, so only a process on the machine can name another address.
 */
public final class ClientAddress {
    private ClientAddress() {
    }

    public static String of(HttpServerRequest request) {
        SocketAddress remote = request.remoteAddress();
        String peer = remote == null ? null : remote.hostAddress();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (peer == null || forwarded == null || forwarded.isBlank() || !loopback(peer)) {
            return peer;
        }
        String last = forwarded.substring(forwarded.lastIndexOf(',') + 1).strip();
        return last.isEmpty() || last.length() > 64 ? peer : last;
    }

    private static boolean loopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
