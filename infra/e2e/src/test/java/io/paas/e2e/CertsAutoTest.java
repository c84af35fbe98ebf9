package io.paas.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.paas.client.ControllerClient;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * paas certs:auto against Debian's pebble (an ACME test CA), started here with its mock DNS
 * (pebble-challtestsrv, every name 127.0.0.1): pebble validates HTTP-01 on the router's port, the router
 * answers from its route table, the certificate is served for the domain in place of a hand-added one that
 * expires in 2 days; pebble's certificates live 20 days, under the 30-day renewal mark, so the next check
 * renews it; with pebble gone, a renewal fails into the app's log and the audit trail. A wildcard is refused.
 */
class CertsAutoTest {
    private static final String APP = "acme-a";
    private static final String DOMAIN = "www.shop-test.example";
    private static final String WILDCARD = "*.wild-test.example";

    @Test
    void certificatesAreIssuedServedRenewedAndAFailedRenewalIsReported() throws Exception {
        Path work = Files.createTempDirectory("paas-acme");
        List<Process> processes = new ArrayList<>();
        int acmePort = freePort();
        Shell local = new Shell();
        // pebble's own HTTPS certificate, which the controller is told to trust (PAAS_ACME_CA_CERT)
        local.run(work, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "pebble.key",
                "-out", "pebble.pem", "-days", "2", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost").ok();
        Platform platform = Platform.startedWith(Map.of(
                "PAAS_ACME_DIRECTORY", "https://127.0.0.1:" + acmePort + "/dir",
                "PAAS_ACME_CA_CERT", work.resolve("pebble.pem").toString(),
                "PAAS_ACME_CHECK_INTERVAL", "5"));
        try {
            int dnsPort = freePort();
            processes.add(start(work, "challtestsrv.log", List.of("pebble-challtestsrv", "-defaultIPv4", "127.0.0.1",
                    "-defaultIPv6", "", "-dns01", "127.0.0.1:" + dnsPort, "-http01", "", "-https01", "",
                    "-tlsalpn01", "", "-management", "127.0.0.1:" + freePort()), Map.of()));
            Files.writeString(work.resolve("pebble.json"), """
                    {"pebble": {"listenAddress": "127.0.0.1:%d", "managementListenAddress": "127.0.0.1:%d",
                      "certificate": "%s", "privateKey": "%s", "httpPort": %s, "tlsPort": %d,
                      "ocspResponderURL": "", "externalAccountBindingRequired": false,
                      "certificateValidityPeriod": %d}}
                    """.formatted(acmePort, freePort(), work.resolve("pebble.pem"), work.resolve("pebble.key"),
                    platform.routerPort(), freePort(), Duration.ofDays(20).toSeconds()));
            Process pebble = start(work, "pebble.log", List.of("pebble", "-config", work.resolve("pebble.json").toString(),
                    "-dnsserver", "127.0.0.1:" + dnsPort), Map.of("PEBBLE_VA_NOSLEEP", "1", "PEBBLE_WFE_NONCEREJECT", "0"));
            processes.add(pebble);

            Shell shell = platform.shell();
            Path dir = platform.sample("static-app", APP);
            shell.run(dir, "paas", "apps:create", APP).ok();
            platform.pushUntilServed(APP, dir, "acme: push", "Hello from static", "git", "push", "paas", "main");
            shell.run(dir, "paas", "domains:add", DOMAIN).ok();
            shell.run(dir, "paas", "domains:add", WILDCARD).ok();
            // a certificate added by hand that expires in 2 days: the first check replaces it
            shell.run(work, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "old.key",
                    "-out", "old.pem", "-days", "2", "-subj", "/CN=" + DOMAIN, "-addext", "subjectAltName=DNS:" + DOMAIN).ok();
            shell.run(dir, "paas", "certs:add", work.resolve("old.pem").toString(), work.resolve("old.key").toString(),
                    "--name", "old").ok();
            assertTrue(served(platform, work).contains("issuer=CN = " + DOMAIN), "the hand-added certificate serves first");

            shell.run(dir, "paas", "certs:auto:enable").ok();
            JsonNode issued = awaitAuto(shell, dir, auto -> "issued".equals(state(auto, DOMAIN)));
            assertEquals("refused", state(issued, WILDCARD), issued.toString());
            assertTrue(issued.toString().contains("HTTP-01 cannot prove it"), issued.toString());
            String first = awaitServed(platform, work, text -> text.contains("Pebble Intermediate"));
            String firstSerial = serial(first);

            // 20 days left is under the 30-day mark: the next check renews it
            String renewed = awaitServed(platform, work, text -> text.contains("Pebble Intermediate")
                    && !serial(text).equals(firstSerial));
            assertNotEquals(firstSerial, serial(renewed));
            String logs = shell.run(dir, "paas", "logs", "-n", "200", "--source", "platform").ok().output();
            assertTrue(logs.contains("Certificate for " + DOMAIN + " issued over ACME"), logs);

            // the CA is gone: the next renewal fails, and says so where the app's people look
            pebble.destroy();
            pebble.waitFor();
            // a renewal may have ended just before: what serves once the CA is gone is the last good certificate
            Thread.sleep(1000);
            String lastGood = served(platform, work);
            assertTrue(lastGood.contains("Pebble Intermediate"), lastGood);
            JsonNode failed = awaitAuto(shell, dir, auto -> auto.path("status").asText().startsWith("failed"));
            assertTrue(failed.path("status").asText().contains(DOMAIN), failed.toString());
            String audit = awaitOutput(shell, dir, text -> text.contains("cert.auto.failed"), "paas", "audit", "-n", "50");
            assertTrue(audit.contains(DOMAIN), audit);
            String failedLogs = awaitOutput(shell, dir, text -> text.contains("Automatic certificate for " + DOMAIN + " failed"),
                    "paas", "logs", "-n", "200", "--source", "platform");
            assertTrue(failedLogs.contains("failed"), failedLogs);
            assertEquals(serial(lastGood), serial(served(platform, work)), "the last good certificate still serves");
        } finally {
            for (Process process : processes) {
                process.destroy();
            }
            platform.stop();
        }
    }

    private static Process start(Path work, String log, List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve(log).toFile());
        builder.environment().putAll(env);
        return builder.start();
    }

    /** The certificate the router serves for DOMAIN, as openssl prints its issuer, serial and end date. */
    private static String served(Platform platform, Path work) {
        Shell.Result result = new Shell().run(work, "bash", "-c", "openssl s_client -connect 127.0.0.1:"
                + platform.setting("PAAS_ROUTER_TLS_PORT") + " -servername " + DOMAIN
                + " </dev/null 2>/dev/null | openssl x509 -noout -issuer -serial -enddate");
        return result.output();
    }

    private static String awaitServed(Platform platform, Path work, Predicate<String> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        String text = served(platform, work);
        while (!done.test(text)) {
            assertTrue(System.nanoTime() < deadline, "the router never served the expected certificate; last:\n" + text);
            Thread.sleep(500);
            text = served(platform, work);
        }
        return text;
    }

    private static String serial(String opensslText) {
        return opensslText.lines().filter(l -> l.startsWith("serial=")).findFirst().orElse("none");
    }

    private static JsonNode awaitAuto(Shell shell, Path dir, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode auto = ControllerClient.JSON.readTree(shell.run(dir, "paas", "certs:auto", "--json").ok().output());
        while (!done.test(auto)) {
            assertTrue(System.nanoTime() < deadline, "paas certs:auto never got there: " + auto);
            Thread.sleep(500);
            auto = ControllerClient.JSON.readTree(shell.run(dir, "paas", "certs:auto", "--json").ok().output());
        }
        return auto;
    }

    private static String awaitOutput(Shell shell, Path dir, Predicate<String> done, String... command) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String text = shell.run(dir, command).ok().output();
        while (!done.test(text)) {
            assertTrue(System.nanoTime() < deadline, String.join(" ", command) + " never showed it:\n" + text);
            Thread.sleep(500);
            text = shell.run(dir, command).ok().output();
        }
        return text;
    }

    private static String state(JsonNode auto, String domain) {
        for (JsonNode d : auto.path("domains")) {
            if (domain.equals(d.path("domain").asText())) {
                return d.path("state").asText();
            }
        }
        return "absent";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
