package io.paas.client.net;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.HashSet;
import java.util.Set;

/**
 * The one rule for addresses a tenant may not make the platform reach (a buildpack URL, an image's
 * registry): loopback, link-local (cloud metadata included), the unspecified address, multicast and
 * every address of this machine, where the platform's own services and its engine's bridge listen.
 */
public final class PlatformHosts {
    private PlatformHosts() {
    }

    /** Why a tenant may not reach this address, as words for a refusal, or null when it may. */
    public static String why(InetAddress address, Set<InetAddress> machine) {
        if (address.isLoopbackAddress()) {
            return "a loopback address";
        }
        if (address.isLinkLocalAddress()) {
            return "a link-local address";
        }
        if (address.isAnyLocalAddress()) {
            return "the unspecified address (this machine)";
        }
        if (address.isMulticastAddress()) {
            return "a multicast address";
        }
        if (machine.contains(address)) {
            return "an address of the platform's machine";
        }
        return null;
    }

    /** Every address of this machine's interfaces. */
    public static Set<InetAddress> machineAddresses() {
        Set<InetAddress> addresses = new HashSet<>();
        try {
            NetworkInterface.networkInterfaces().forEach(nif -> nif.inetAddresses().forEach(addresses::add));
        } catch (SocketException e) {
            // none known: loopback and link-local are still refused by kind
        }
        return addresses;
    }
}
