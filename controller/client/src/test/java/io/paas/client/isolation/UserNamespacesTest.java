package io.paas.client.isolation;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UserNamespacesTest {
    @Test
    void buildsAndAppsGetRangesThatNeverMeet() {
        assertTrue(UserNamespaces.BUILDS >= 100_000 + 65_536 * 100, "far above people's /etc/subuid ranges");
        assertTrue(UserNamespaces.BUILDS + UserNamespaces.RANGE <= UserNamespaces.ofApp(0), "builds end below app 0");
        assertEquals(UserNamespaces.ofApp(7) + UserNamespaces.RANGE, UserNamespaces.ofApp(8), "apps' ranges do not overlap");
        long last = UserNamespaces.ofApp(UserNamespaces.APP_RANGES - 1);
        assertTrue(last + UserNamespaces.RANGE - 1 < (1L << 32) - 1, "below the invalid uid");
        assertEquals(UserNamespaces.ofApp(0), UserNamespaces.ofApp(UserNamespaces.APP_RANGES), "beyond, ids wrap around");
        assertTrue(UserNamespaces.ofApp(-1) >= UserNamespaces.FIRST_APP, "never below the apps' first range");
    }

    @Test
    void podmansAutoModeWithTheWholeMapping() {
        assertEquals("auto:uidmapping=0:134217728:65536,gidmapping=0:134217728:65536",
                UserNamespaces.podmanMode(UserNamespaces.BUILDS));
    }
}
