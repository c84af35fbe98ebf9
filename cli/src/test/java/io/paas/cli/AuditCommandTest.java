package io.paas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.paas.client.ControllerClient;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditCommandTest extends LoggedInCliTest {
    private static final String ENTRIES = "["
            + "{\"id\":3,\"time\":\"2026-12-05T06:40:01.123Z\",\"app\":\"myapp\",\"actor\":\"alice\",\"action\":\"config.set\","
            + "\"address\":\"10.0.0.7\",\"details\":\"API_KEY: v3\"},"
            + "{\"id\":1,\"time\":\"2026-12-05T06:39:00Z\",\"app\":\"myapp\",\"actor\":\"alice\",\"action\":\"app.create\","
            + "\"address\":\"10.0.0.7\"}]";

    @Override
    FakeController answers(FakeController fake) {
        return fake.answer("GET /v2/apps/myapp/audit", 200, ENTRIES)
                .answer("GET /v2/audit", 200, "[{\"id\":9,\"time\":\"2026-12-05T06:41:00Z\",\"actor\":\"mallory\","
                        + "\"action\":\"login.failed\",\"address\":\"10.0.0.9\",\"details\":\"wrong username or password\"}]");
    }

    @Test
    void anAppsTrailIsATableNewestFirst() throws Exception {
        CliHarness.Result result = cli.run("audit", "-a", "myapp", "-n", "5");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("=== myapp Audit\n"
                + "WHEN                  WHO    FROM      ACTION      DETAILS\n"
                + "2026-12-05T06:40:01Z  alice  10.0.0.7  config.set  API_KEY: v3\n"
                + "2026-12-05T06:39:00Z  alice  10.0.0.7  app.create\n", result.out());
        assertEquals("limit=5", controller.last("GET", "/v2/apps/myapp/audit").query());

        JsonNode json = ControllerClient.JSON.readTree(cli.run("audit", "-a", "myapp", "--json").out());
        assertEquals("config.set", json.get(0).get("action").asText());
    }

    @Test
    void allIsThePlatformsTrailWithTheAppColumn() {
        CliHarness.Result result = cli.run("audit", "--all");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("=== Platform audit\n"
                + "WHEN                  WHO      FROM      APP  ACTION        DETAILS\n"
                + "2026-12-05T06:41:00Z  mallory  10.0.0.9       login.failed  wrong username or password\n", result.out());
        cli.run("audit", "--all", "-a", "gone");
        assertEquals("app=gone", controller.last("GET", "/v2/audit").query());
    }

    @Test
    void aBadCountIsAUsageError() {
        CliHarness.Result result = cli.run("audit", "-a", "myapp", "-n", "0");

        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("-n must be between 1 and 1000"), result.err());
    }
}
