package io.paas.controller.drains;

import io.paas.controller.platform.PlatformAddresses;
import io.paas.controller.problems.Problem;

/**
 * Which drain URLs are taken: syslog://, syslog+tls:// and https:// ({@link DrainUrl}); http:// only
 * when the operator allows logs in the clear (PAAS_DRAINS_ALLOW_HTTP); never a host at one of the
 * platform's own addresses ({@link PlatformAddresses}: loopback, link-local, unspecified, multicast,
 * this machine's), unless the operator allows those (PAAS_ALLOW_PLATFORM_ADDRESSES). The platform's
 * ports are only on those addresses, so they are refused with them.
 */
final class DrainPolicy {
    private final PlatformAddresses addresses;
    private final boolean allowHttp;

    DrainPolicy(PlatformAddresses addresses, boolean allowHttp) {
        this.addresses = addresses;
        this.allowHttp = allowHttp;
    }

    /** The URL as stored, or a 400 (not a drain URL) or 403 (a platform address) saying why not. */
    DrainUrl check(String requested) {
        DrainUrl url = DrainUrl.parse(requested);
        if (url.plainHttp() && !allowHttp) {
            throw Problem.invalid("drain URL " + Problem.shown(url.toString()) + " would send logs in the clear: use https://"
                    + " (the platform's operator can allow http:// with PAAS_DRAINS_ALLOW_HTTP=true)");
        }
        addresses.requireOutside(url.host(), "drain URL " + Problem.shown(url.toString()));
        return url;
    }
}
