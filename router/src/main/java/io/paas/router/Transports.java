package io.paas.router;

import io.vertx.core.transport.Transport;

import java.util.List;
import java.util.Locale;

/**
 * Which socket transport the router runs on. io_uring first: a new connection then costs no epoll_ctl
 * calls and reads, writes, accepts and closes go to the kernel in batches (about 15% less CPU per
 * request than epoll in infra/bench/router-bench.sh). It is often switched off (container seccomp
 * profiles, kernel.io_uring_disabled), so epoll, then NIO, are the fall-backs.
 */
public final class Transports {
    /** Names PAAS_ROUTER_TRANSPORT accepts; "auto" takes the first of the others that works here. */
    public static final List<String> NAMES = List.of("auto", "io_uring", "epoll", "nio");

    private Transports() {
    }

    /** The setting's value checked and in lower case; null is auto. */
    public static String name(String wanted) {
        String name = wanted == null ? "auto" : wanted.strip().toLowerCase(Locale.ROOT);
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("PAAS_ROUTER_TRANSPORT must be one of " + String.join(", ", NAMES)
                    + ", got '" + wanted + "'");
        }
        return name;
    }

    /** The transport to run on; a named one that cannot run here is an error naming why. */
    public static Transport choose(String wanted) {
        String name = name(wanted);
        return switch (name) {
            case "auto" -> works(Transport.IO_URING) ? Transport.IO_URING
                    : works(Transport.EPOLL) ? Transport.EPOLL : Transport.NIO;
            case "io_uring" -> require(Transport.IO_URING, name);
            case "epoll" -> require(Transport.EPOLL, name);
            default -> Transport.NIO;
        };
    }

    static Transport require(Transport transport, String name) {
        if (transport == null) {
            throw new IllegalArgumentException("PAAS_ROUTER_TRANSPORT=" + name + " cannot run here: its classes are not"
                    + " in this build (auto picks what works)");
        }
        if (!transport.available()) {
            Throwable cause = transport.unavailabilityCause();
            throw new IllegalArgumentException("PAAS_ROUTER_TRANSPORT=" + name + " cannot run here"
                    + (cause != null && cause.getMessage() != null ? ": " + cause.getMessage() : "")
                    + " (auto picks what works)");
        }
        return transport;
    }

    /** Vert.x names a transport null when its Netty classes are missing. */
    private static boolean works(Transport transport) {
        return transport != null && transport.available();
    }
}
