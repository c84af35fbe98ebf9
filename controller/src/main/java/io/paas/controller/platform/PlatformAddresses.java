package io.paas.controller.platform;

import io.paas.controller.problems.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * The one check of a host a tenant names (an image's registry, a URL the platform or a build
 * fetches): it must not reach the platform itself, that is loopback, link-local (cloud metadata
 * included), the unspecified address, or any address of this machine's interfaces (where the
 * platform's services and its engine's bridge listen), unless the operator allows it with
 * PAAS_ALLOW_PLATFORM_ADDRESSES=true. A name is checked by every address it resolves to now; a name
 * that does not resolve is let through: nothing can be fetched from it.
 */
@ApplicationScoped
public class PlatformAddresses {
    private final boolean allowed;

    @Inject
    public PlatformAddresses(PlatformSettings settings) {
        this(settings.allowPlatformAddresses());
    }

    PlatformAddresses(boolean allowed) {
        this.allowed = allowed;
    }

    /** Refuses (403) a host that is one of the platform's addresses, naming what was refused and why. */
    public void requireOutside(String host, String what) {
        if (!allowed && isPlatformAddress(host)) {
            throw Problem.forbidden(what + " points at " + host + ", an address of the platform itself "
                    + "(loopback, link-local or this machine): the platform fetches nothing from there "
                    + "unless the operator sets PAAS_ALLOW_PLATFORM_ADDRESSES=true");
        }
    }

    /** True when host (a name or an address literal, IPv6 with or without brackets) resolves to one of the platform's addresses. */
    public static boolean isPlatformAddress(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] resolved;
        try {
            resolved = InetAddress.getAllByName(bare);
        } catch (UnknownHostException e) {
            return false;
        }
        Set<InetAddress> own = ownAddresses();
        for (InetAddress address : resolved) {
            if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress()
                    || own.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private static Set<InetAddress> ownAddresses() {
        Set<InetAddress> own = new HashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                own.addAll(Collections.list(nic.getInetAddresses()));
            }
        } catch (SocketException e) {
            // loopback and link-local are still refused above
        }
        return own;
    }
}
