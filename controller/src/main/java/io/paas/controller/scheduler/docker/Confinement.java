package io.paas.controller.scheduler.docker;

import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import io.paas.client.isolation.UserNamespaces;

import java.util.List;

/**
 * What keeps an app's containers apart from other apps and from the machine: the platform's app
 * network (where infra/platform.sh's rules let no container reach another, nor the machine's own
 * addresses: an app reaches another only through the router), a user namespace of the app's own
 * (container root is an unprivileged host uid), no NET_RAW (no forged packets, no ARP games on the
 * bridge) and no-new-privileges (setuid binaries give nothing). The engine's other default
 * capabilities stay: an image that binds port 80 as root and then switches to its own user runs.
 *
 * @param network        the engine network app containers join; null for the engine's default
 * @param userNamespaces whether each app gets its fixed uid range (Podman: needs no /etc/subuid)
 */
public record Confinement(String network, boolean userNamespaces) {
    /** The engine's defaults: what a Docker engine gets (its user namespaces are one daemon-wide setting). */
    public static final Confinement NONE = new Confinement(null, false);

    /** The first host uid of the app's range: fixed per app id, so its containers and files agree across deploys. */
    public static long hostUid(long appId) {
        return UserNamespaces.ofApp(appId);
    }

    /** The engine options of a container of app {@code appId}. */
    HostConfig apply(HostConfig host, long appId) {
        host.withCapDrop(Capability.NET_RAW).withSecurityOpts(List.of("no-new-privileges"));
        if (network != null && !network.isBlank()) {
            host.withNetworkMode(network);
        }
        if (userNamespaces) {
            host.withUsernsMode(UserNamespaces.podmanMode(hostUid(appId)));
        }
        return host;
    }

    /**
     * The label value containers made under this confinement carry: a container with another
     * (one made before the platform kept apps apart, or before its network changed) is replaced by
     * the next reconcile pass, new one ready before the old one stops.
     */
    String label() {
        return "v1" + (network == null || network.isBlank() ? "" : ",net=" + network) + (userNamespaces ? ",userns" : "");
    }

    /** The same confinement on an engine that serves no per-container user namespaces. */
    Confinement withoutUserNamespaces() {
        return new Confinement(network, false);
    }
}
