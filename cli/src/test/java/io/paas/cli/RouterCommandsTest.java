package io.paas.cli;

import org.junit.jupiter.api.Test;


import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouterCommandsTest extends LoggedInCliTest {
    private static final String SETTINGS = "{\"maintenance\":false,\"tlsEnforce\":true,\"allowlist\":[\"1.2.3.0/24\"],"
            + "\"connectTimeoutMs\":5000,\"readTimeoutMs\":120000,\"idleTimeoutMs\":null,\"maxBodyBytes\":10485760,"
            + "\"balancing\":\"least_requests\"}";
    @Override
    FakeController answers(FakeController fake) {
        return fake
                .answer("GET /v2/apps/myapp/router", 200, SETTINGS)
                .answer("PATCH /v2/apps/myapp/router", 200, SETTINGS)
                .answer("POST /v2/apps/myapp/router/allowlist", 200, SETTINGS)
                .answer("DELETE /v2/apps/myapp/router/allowlist", 200, "{\"allowlist\":[]}");
    }

    @Test
    void routerShowsSettingsInTheUnitsUsersTypeThem() {
        CliHarness.Result result = cli.run("router", "-a", "myapp");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("=== myapp Router\n"
                + "Maintenance:     off\n"
                + "TLS enforced:    on\n"
                + "Allowlist:       1.2.3.0/24\n"
                + "connect-timeout: 5s\n"
                + "read-timeout:    2m\n"
                + "idle-timeout:    default\n"
                + "max-body:        10m\n"
                + "balancing:       least_requests\n", result.out());
    }

    @Test
    void routerSetConvertsUnitsAndDefault() {
        CliHarness.Result result = cli.run("router:set", "connect-timeout=5s", "read-timeout=1500ms", "idle-timeout=2h",
                "max-body=10m", "balancing=round-robin", "-a", "myapp");
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("Updating router settings of myapp... done\n=== myapp Router\n"), result.out());
        assertEquals("{\"connectTimeoutMs\":5000,\"readTimeoutMs\":1500,\"idleTimeoutMs\":7200000,"
                + "\"maxBodyBytes\":10485760,\"balancing\":\"round_robin\"}",
                controller.last("PATCH", "/v2/apps/myapp/router").body());

        CliHarness.Result bare = cli.run("router:set", "read-timeout=30", "connect-timeout=1m", "-a", "myapp");
        assertEquals(0, bare.exitCode(), bare.err());
        assertEquals("{\"readTimeoutMs\":30000,\"connectTimeoutMs\":60000}", controller.last("PATCH", "/v2/apps/myapp/router").body(),
                "a bare number is seconds, as healthchecks:set takes it");

        cli.run("router:set", "max-body=default", "-a", "myapp");
        assertEquals("{\"maxBodyBytes\":null}", controller.last("PATCH", "/v2/apps/myapp/router").body());
    }

    @Test
    void routerSetRejectsBadInputBeforeCallingTheController() {
        String[][] cases = {
            {"timeout=5s", "error: unknown router setting 'timeout': use connect-timeout, read-timeout, idle-timeout, max-body, balancing"},
            {"read-timeout=thirty", "error: read-timeout must be a duration like 5 (seconds), 500ms, 5s, 2m or 1h, got 'thirty'"},
            {"read-timeout=0", "error: read-timeout must be at least 1ms, got '0'"},
            {"max-body=ten", "error: max-body must be a size like 512k, 10m or 1g (or default), got 'ten'"},
            {"balancing=random", "error: balancing must be round_robin or least_requests (or default), got 'random'"},
            {"connect-timeout", "error: expected KEY=VALUE (e.g. read-timeout=30s), got 'connect-timeout'"},
        };
        for (String[] c : cases) {
            CliHarness.Result result = cli.run("router:set", c[0], "-a", "myapp");
            assertEquals(2, result.exitCode(), c[0]);
            assertTrue(result.err().startsWith(c[1] + "\n"), result.err());
        }
        assertTrue(controller.requests.isEmpty());
    }

    @Test
    void tlsEnforceAndMaintenance() {
        assertEquals("Enforcing HTTPS for myapp... done\n", cli.run("tls:enforce", "on", "-a", "myapp").out());
        assertEquals("{\"tlsEnforce\":true}", controller.last("PATCH", "/v2/apps/myapp/router").body());
        cli.run("tls:enforce", "OFF", "-a", "myapp");
        assertEquals("{\"tlsEnforce\":false}", controller.last("PATCH", "/v2/apps/myapp/router").body());
        assertEquals(2, cli.run("tls:enforce", "yes", "-a", "myapp").exitCode());

        assertEquals("Enabling maintenance mode for myapp... done\n", cli.run("maintenance:on", "-a", "myapp").out());
        assertEquals("{\"maintenance\":true}", controller.last("PATCH", "/v2/apps/myapp/router").body());
        assertEquals("Disabling maintenance mode for myapp... done\n", cli.run("maintenance:off", "-a", "myapp").out());
        assertEquals("{\"maintenance\":false}", controller.last("PATCH", "/v2/apps/myapp/router").body());
    }

    @Test
    void allowlistAddShowRemove() {
        CliHarness.Result added = cli.run("allowlist:add", "1.2.3.4/24", "-a", "myapp");
        assertEquals("Allowing 1.2.3.4/24 to reach myapp... done\n=== myapp Allowlist\n1.2.3.0/24\n", added.out());
        assertEquals("{\"cidr\":\"1.2.3.4/24\"}", controller.last("POST", "/v2/apps/myapp/router/allowlist").body());

        assertEquals("=== myapp Allowlist\n1.2.3.0/24\n", cli.run("allowlist", "-a", "myapp").out());

        CliHarness.Result removed = cli.run("allowlist:remove", "2001:db8::/32", "-a", "myapp");
        assertEquals("Removing 2001:db8::/32 from the allowlist of myapp... done\n=== myapp Allowlist\n"
                + "(empty: everyone may reach myapp)\n", removed.out());
        FakeController.Request delete = controller.requests.stream()
                .filter(r -> r.method().equals("DELETE")).findFirst().orElseThrow();
        assertEquals("/v2/apps/myapp/router/allowlist", delete.path());
    }

    @Test
    void allowlistRejectsNamesBeforeCallingTheController() {
        CliHarness.Result result = cli.run("allowlist:add", "office.example.com", "-a", "myapp");

        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("error: expected an IPv4 or IPv6 CIDR like 1.2.3.0/24 or 2001:db8::/32, "
                + "got 'office.example.com'\n"), result.err());
        assertTrue(controller.requests.isEmpty());
    }
}
