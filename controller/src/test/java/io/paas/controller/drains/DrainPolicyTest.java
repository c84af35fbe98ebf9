package io.paas.controller.drains;

import io.paas.controller.platform.PlatformAddresses;
import io.paas.controller.problems.Problem;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which drain URLs are taken, as an operator who allows nothing special has it. */
class DrainPolicyTest {
    private final DrainPolicy policy = new DrainPolicy(new PlatformAddresses(false), false);

    @Test
    void herokusThreeSchemesAreTakenWithTheirDefaultPorts() {
        assertEquals(514, policy.check("syslog://192.0.2.1").port());
        assertEquals(DrainUrl.Kind.SYSLOG_TLS, policy.check("syslog+tls://192.0.2.1").kind());
        assertEquals(6514, policy.check(" syslog+tls://192.0.2.1 ").port());
        DrainUrl https = policy.check("https://user:pass@192.0.2.1/logs?app=x");
        assertEquals(DrainUrl.Kind.HTTPS, https.kind());
        assertEquals(443, https.port());
    }

    @Test
    void thePlatformsOwnAddressesAreRefused() {
        for (String url : new String[] {"syslog://127.0.0.1:514", "syslog+tls://localhost:6514", "https://[::1]/logs",
                "https://169.254.169.254/latest", "syslog://0.0.0.0:514", "syslog://224.0.0.1:514"}) {
            Problem refused = assertThrows(Problem.class, () -> policy.check(url), url);
            assertEquals(403, refused.kind().status, url);
            assertTrue(refused.getMessage().contains("PAAS_ALLOW_PLATFORM_ADDRESSES"), refused.getMessage());
        }
        assertEquals(514, new DrainPolicy(new PlatformAddresses(true), false).check("syslog://127.0.0.1").port());
    }

    @Test
    void otherSchemesPlainHttpAndSyslogPathsAreRefusedSayingWhatIsTaken() {
        assertTrue(invalid("ftp://192.0.2.1/logs").contains("use syslog://, syslog+tls:// or https://"));
        assertTrue(invalid("logs.example.com:514").contains("unsupported scheme"));
        assertTrue(invalid("192.0.2.1:514").contains("is not a URL"));
        assertTrue(invalid("http://192.0.2.1/logs").contains("PAAS_DRAINS_ALLOW_HTTP"));
        assertEquals(80, new DrainPolicy(new PlatformAddresses(false), true).check("http://192.0.2.1/logs").port());
        assertTrue(invalid("syslog://192.0.2.1:514/path").contains("a syslog drain is a host and a port"));
        assertTrue(invalid("syslog:///nohost").contains("has no host"));
        assertTrue(invalid("https://192.0.2.1/a b").contains("not a URL"));
        assertTrue(invalid("").contains("a drain URL is required"));
    }

    private String invalid(String url) {
        Problem refused = assertThrows(Problem.class, () -> policy.check(url), url);
        assertEquals(400, refused.kind().status, url);
        return refused.getMessage();
    }
}
