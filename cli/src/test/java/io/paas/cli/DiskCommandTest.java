package io.paas.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.paas.client.ControllerClient;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DiskCommandTest extends LoggedInCliTest {
    @Override
    FakeController answers(FakeController fake) {
        return fake.answer("GET /v2/admin/disk", 200, "{\"home\":\"/srv/paas\",\"totalBytes\":107374182400,"
                + "\"freeBytes\":1610612736,\"parts\":["
                + "{\"name\":\"release images (registry)\",\"path\":\"/srv/paas/registry/data\",\"bytes\":5368709120},"
                + "{\"name\":\"database\",\"path\":\"/srv/paas/postgres\",\"bytes\":52428800},"
                + "{\"name\":\"build caches\",\"path\":\"/srv/paas/cache\",\"bytes\":0}]}");
    }

    @Test
    void saysTheFreeSpaceAndEachPartInBinaryUnits() throws Exception {
        CliHarness.Result result = cli.run("admin:disk");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("=== Disk of the platform's data (/srv/paas)\n"
                + "1.5 GB free of 100.0 GB\n"
                + "PART                       SIZE     WHERE\n"
                + "release images (registry)  5.0 GB   /srv/paas/registry/data\n"
                + "database                   50.0 MB  /srv/paas/postgres\n"
                + "build caches               0 B      /srv/paas/cache\n", result.out());

        JsonNode json = ControllerClient.JSON.readTree(cli.run("admin:disk", "--json").out());
        assertEquals(1610612736L, json.get("freeBytes").asLong());
        assertTrue(json.get("parts").isArray());
    }
}
