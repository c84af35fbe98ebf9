package io.paas.controller.platform;

import io.paas.controller.problems.Problem;
import org.junit.jupiter.api.Test;

import java.net.NetworkInterface;
import java.util.Collections;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlatformAddressesTest {
    @Test
    void loopbackLinkLocalAndThisMachinesAddressesAreThePlatforms() throws Exception {
        for (String host : new String[] {"127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]", "169.254.169.254",
                "fe80::1", "0.0.0.0", "::ffff:127.0.0.1"}) {
            assertTrue(PlatformAddresses.isPlatformAddress(host), host);
        }
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            nic.inetAddresses().filter(a -> a instanceof java.net.Inet4Address).forEach(a ->
                    assertTrue(PlatformAddresses.isPlatformAddress(a.getHostAddress()), "own " + a));
        }
        assertFalse(PlatformAddresses.isPlatformAddress("192.0.2.10"), "TEST-NET-1 is no address of this machine");
        assertFalse(PlatformAddresses.isPlatformAddress("no-such-host.invalid"));

        Problem refused = assertThrows(Problem.class, () -> new PlatformAddresses(false).requireOutside("127.0.0.1", "image x"));
        assertTrue(refused.getMessage().startsWith("image x points at 127.0.0.1, an address of the platform itself"));
        new PlatformAddresses(true).requireOutside("127.0.0.1", "image x");
    }
}
