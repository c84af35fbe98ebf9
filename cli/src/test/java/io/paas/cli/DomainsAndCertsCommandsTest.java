package io.paas.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DomainsAndCertsCommandsTest extends LoggedInCliTest {
    @Override
    FakeController answers(FakeController fake) {
        return fake
                .answer("GET /v2/apps/myapp/domains", 200, "[{\"domain\":\"www.example.com\",\"certificate\":\"www-example-com\","
                        + "\"createdAt\":\"2026-11-27T10:00:00.123Z\"},{\"domain\":\"*.example.org\",\"createdAt\":\"2026-11-27T10:01:00Z\"}]")
                .answer("POST /v2/apps/myapp/domains", 201, "{\"domain\":\"shop.example.com\"}")
                .answer("DELETE /v2/apps/myapp/domains/shop.example.com", 204, "")
                .answer("GET /v2/apps/myapp/certs", 200, "[{\"name\":\"www-example-com\",\"hosts\":[\"www.example.com\",\"*.example.com\"],"
                        + "\"domains\":[\"www.example.com\"],\"expiresAt\":\"2027-01-01T00:00:00Z\",\"warnings\":[]}]")
                .answer("POST /v2/apps/myapp/certs", 201, "{\"name\":\"www-example-com\",\"hosts\":[\"www.example.com\"],"
                        + "\"domains\":[\"www.example.com\"],\"expiresAt\":\"2026-12-10T00:00:00Z\","
                        + "\"warnings\":[\"expires on 2026-12-10T00:00:00Z (in 12 days): renew it soon\"]}")
                .answer("DELETE /v2/apps/myapp/certs/old", 204, "");
    }

    @Test
    void domainsShowsATable() {
        CliHarness.Result result = cli.run("domains", "-a", "myapp");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("=== myapp Domains\n"
                + "DOMAIN           CERTIFICATE      ADDED\n"
                + "www.example.com  www-example-com  2026-11-27T10:00:00Z\n"
                + "*.example.org    none             2026-11-27T10:01:00Z\n", result.out());
        assertTrue(cli.run("domains", "-a", "myapp", "--json").out().contains("\"certificate\" : \"www-example-com\""));
    }

    @Test
    void domainsAddSendsTheDomainLowercased() {
        CliHarness.Result result = cli.run("domains:add", "Shop.Example.com", "-a", "myapp");

        assertEquals(0, result.exitCode(), result.err());
        assertTrue(result.out().startsWith("Adding shop.example.com to myapp... done\n"), result.out());
        assertEquals("{\"domain\":\"shop.example.com\"}", controller.last("POST", "/v2/apps/myapp/domains").body());
    }

    @Test
    void domainsAddRefusesUrlsBeforeCallingTheController() {
        CliHarness.Result result = cli.run("domains:add", "https://www.example.com/", "-a", "myapp");

        assertEquals(2, result.exitCode());
        assertTrue(result.err().startsWith("error: expected a domain like www.example.com (no scheme, port or path), "
                + "got 'https://www.example.com/'\n"), result.err());
        assertTrue(controller.requests.isEmpty());
    }

    @Test
    void domainsRemove() {
        CliHarness.Result result = cli.run("domains:remove", "shop.example.com", "-a", "myapp");

        assertEquals("Removing shop.example.com from myapp... done\n", result.out());
    }

    @Test
    void controllerRefusalIsOneLine() {
        controller.answer("POST /v2/apps/myapp/domains", 409,
                "{\"type\":\"object_exists\",\"title\":\"Conflict\",\"status\":409,\"detail\":\"domain www.example.com is already in use\"}");

        CliHarness.Result result = cli.run("domains:add", "www.example.com", "-a", "myapp");

        assertEquals(1, result.exitCode());
        assertEquals("Adding www.example.com to myapp... !\n", result.out());
        assertEquals("error: domain www.example.com is already in use\n", result.err());
    }

    @Test
    void certsShowsHostsAndWhereTheyAreServed() {
        CliHarness.Result result = cli.run("certs", "-a", "myapp");

        assertEquals("=== myapp Certificates\n"
                + "NAME             HOSTS                           SERVED FOR       EXPIRES\n"
                + "www-example-com  www.example.com, *.example.com  www.example.com  2027-01-01T00:00:00Z\n", result.out());
    }

    @Test
    void certsAddReadsBothFilesAndShowsWarnings() throws Exception {
        Files.writeString(cli.workDir.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        Files.writeString(cli.workDir.resolve("key.pem"), "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n");

        CliHarness.Result result = cli.run("certs:add", "cert.pem", "key.pem", "--name", "www", "-a", "myapp");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("Adding certificate to myapp... done, www-example-com, expires 2026-12-10T00:00:00Z\n"
                + "Hosts:      www.example.com\nServed for: www.example.com\n", result.out());
        assertEquals("warning: expires on 2026-12-10T00:00:00Z (in 12 days): renew it soon\n", result.err());
        String body = controller.last("POST", "/v2/apps/myapp/certs").body();
        assertTrue(body.contains("\"name\":\"www\""), body);
        assertTrue(body.contains("\"certPem\":\"-----BEGIN CERTIFICATE-----\\nMIIB"), body);
        assertTrue(body.contains("\"keyPem\":\"-----BEGIN PRIVATE KEY-----\\nMIIE"), body);
    }

    @Test
    void certsAddChecksTheFilesFirst() throws Exception {
        CliHarness.Result missing = cli.run("certs:add", "nope.pem", "key.pem", "-a", "myapp");
        assertEquals(1, missing.exitCode());
        assertEquals("error: cannot read nope.pem: no such file\n", missing.err());

        Files.writeString(cli.workDir.resolve("cert.txt"), "hello");
        CliHarness.Result notPem = cli.run("certs:add", "cert.txt", "cert.txt", "-a", "myapp");
        assertEquals("error: cert.txt is not a PEM file (it has no -----BEGIN line)\n", notPem.err());

        CliHarness.Result oneFile = cli.run("certs:add", "cert.txt", "-a", "myapp");
        assertEquals(2, oneFile.exitCode());
        assertTrue(oneFile.err().contains("KEY.pem"), oneFile.err());
        assertTrue(controller.requests.isEmpty());
    }

    @Test
    void certsRemove() {
        assertEquals("Removing certificate old from myapp... done\n", cli.run("certs:remove", "old", "-a", "myapp").out());
    }
}
