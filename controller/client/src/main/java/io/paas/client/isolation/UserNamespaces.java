package io.paas.client.isolation;

/**
 * The host uids that container uids 0..65535 map to, all in one place so that the ranges never
 * meet: buildpack builds share one range at 2^27, app N has its own from 2^28 + N * 65536. Both
 * lie far above the 100000+ ranges useradd writes to /etc/subuid for people's rootless containers.
 */
public final class UserNamespaces {
    /** Container uids 0..65535. */
    public static final long RANGE = 65_536;
    /** Root of every build container (builds of all apps: each sees only its own mounts). */
    public static final long BUILDS = 1L << 27;
    /** Root of app 0's containers; the builds' range ends below it. */
    public static final long FIRST_APP = 1L << 28;
    /** App ranges below 2^32 - 1 (the invalid uid): app ids beyond them wrap around and share a range. */
    static final long APP_RANGES = ((1L << 32) - 1 - FIRST_APP) / RANGE;

    private UserNamespaces() {
    }

    /** The first host uid of app {@code appId}'s range: fixed, so its containers and files agree across deploys. */
    public static long ofApp(long appId) {
        return FIRST_APP + Math.floorMod(appId, APP_RANGES) * RANGE;
    }

    /**
     * Podman's "auto" user namespace (HostConfig.UsernsMode) with the whole mapping given, container
     * uids and gids 0..65535 from {@code firstHostUid}: it takes no id from /etc/subuid, and
     * containers with the same mapping may run side by side.
     */
    public static String podmanMode(long firstHostUid) {
        return "auto:uidmapping=0:" + firstHostUid + ":" + RANGE + ",gidmapping=0:" + firstHostUid + ":" + RANGE;
    }
}
