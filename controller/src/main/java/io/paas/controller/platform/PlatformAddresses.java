package io.paas.controller.platform;

import io.paas.client.net.PlatformHosts;
import io.paas.controller.problems.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * The check of an image registry or a log drain a tenant names (deploy:image, a Dockerfile's FROM, drains:add): it must not
 * be one of the platform's own addresses ({@link PlatformHosts}, the rule buildpack URLs follow
 * too), unless the operator allows it with
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

    /** allowed: whether platform addresses pass (PAAS_ALLOW_PLATFORM_ADDRESSES). */
    public PlatformAddresses(boolean allowed) {
        this.allowed = allowed;
    }

    /** Refuses (403) a host that is one of the platform's addresses, naming what was refused and why. */
    public void requireOutside(String host, String what) {
        if (!allowed && isPlatformAddress(host)) {
            throw Problem.forbidden(what + " points at " + host + ", an address of the platform itself "
                    + "(loopback, link-local or this machine): the platform neither fetches from nor sends to it "
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
        Set<InetAddress> machine = PlatformHosts.machineAddresses();
        for (InetAddress address : resolved) {
            if (PlatformHosts.why(address, machine) != null) {
                return true;
            }
        }
        return false;
    }
}
