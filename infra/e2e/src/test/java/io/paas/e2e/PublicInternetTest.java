package io.paas.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A platform set up to serve the internet, on the ports this machine allows (80 and 443 are settable ports like any
 * other): the router on every address (PAAS_ROUTER_BIND=0.0.0.0) while the controller and builder stay on loopback;
 * the API and git reached over HTTPS through the router under the platform's domain (PAAS_API_HOST, PAAS_GIT_HOST)
 * with the platform's certificate (PAAS_TLS_CERT/KEY), which also serves the app hosts it covers; plain HTTP to
 * the API redirected to HTTPS; the API's host taken from app names.
 */
class PublicInternetTest {
    private static final String APP = "public-a";

    @Test
    void theRouterServesApiGitAndAppsOverHttpsOnEveryAddress() throws Exception {
        Path work = Files.createTempDirectory("paas-public");
        new Shell().run(work, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "platform.key",
                "-out", "platform.pem", "-days", "30", "-subj", "/CN=paas.localhost",
                // curl matches no wildcard with fewer than two dots (*.localhost): the names one by one, as a
                // *.apps.example.com certificate would cover them
                "-addext", "subjectAltName=DNS:paas.localhost,DNS:git.localhost,DNS:" + APP + ".localhost").ok();
        Platform platform = Platform.startedWith(Map.of("PAAS_ROUTER_BIND", "0.0.0.0",
                "PAAS_API_HOST", "paas.localhost", "PAAS_GIT_HOST", "git.localhost",
                "PAAS_TLS_CERT", work.resolve("platform.pem").toString(), "PAAS_TLS_KEY", work.resolve("platform.key").toString()));
        try {
            Shell shell = platform.shell();
            String plain = platform.routerPort();
            String tls = platform.setting("PAAS_ROUTER_TLS_PORT");

            // only the router listens beyond loopback
            for (String address : listening(shell, work, plain)) {
                assertTrue(address.equals("0.0.0.0:" + plain) || address.equals("*:" + plain), address);
            }
            for (String address : listening(shell, work, platform.setting("PAAS_CONTROLLER_PORT"))) {
                assertTrue(address.contains("127.0.0.1"), "the controller on loopback only: " + address);
            }

            // the API over HTTPS through the router, with the platform's certificate
            String info = https(shell, work, "paas.localhost", tls, "/v2/info");
            assertTrue(info.endsWith("200"), info);
            assertTrue(info.contains("\"version\""), info);
            String apps = https(shell, work, "paas.localhost", tls, "/v2/apps");
            assertTrue(apps.endsWith("401"), "the API's own answer, through the router: " + apps);
            // plain HTTP to the API goes to HTTPS before any token is sent
            String redirect = shell.run(work, "curl", "-sS", "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}",
                    "--resolve", "paas.localhost:" + plain + ":127.0.0.1", "http://paas.localhost:" + plain + "/v2/info").ok().output();
            assertEquals("301 https://paas.localhost:" + tls + "/v2/info", redirect.strip());
            // git over HTTPS reaches the builder, which asks who pushes
            String git = https(shell, work, "git.localhost", tls, "/" + APP + ".git/info/refs?service=git-receive-pack");
            assertTrue(git.endsWith("401"), git);

            // the app's git remote goes through the router over HTTPS (git trusts the platform's certificate here
            // as it would a public CA's), and the app's host is served with the platform's certificate
            shell.env("GIT_SSL_CAINFO", work.resolve("platform.pem").toString());
            Path dir = platform.sample("static-app", APP);
            String created = shell.run(dir, "paas", "apps:create", APP).ok().output();
            assertTrue(created.contains("https://git.localhost:" + tls + "/" + APP + ".git"), created);
            platform.pushUntilServed(APP, dir, "public: push", "Hello from static", "git", "push", "paas", "main");
            String page = https(shell, work, APP + ".localhost", tls, "/");
            assertTrue(page.contains("Hello from static") && page.endsWith("200"), page);

            // the API's host is no app's
            Shell.Result taken = shell.run(work, "paas", "apps:create", "paas");
            assertNotEquals(0, taken.exit(), taken.output());
            assertTrue(taken.output().contains("one of the platform's own hosts"), taken.output());
        } finally {
            platform.stop();
        }
    }

    /** The local addresses listening on the port, as ss prints them ("0.0.0.0:80", "[::ffff:127.0.0.1]:7100"). */
    private static java.util.List<String> listening(Shell shell, Path work, String port) {
        java.util.List<String> addresses = shell.run(work, "ss", "-Hltn", "sport = :" + port).ok().output().lines()
                .filter(line -> !line.isBlank()).map(line -> line.trim().split("\\s+")[3]).toList();
        assertFalse(addresses.isEmpty(), "nothing listens on " + port);
        return addresses;
    }

    /** The body and then the status of an HTTPS GET through the router, trusting only the platform's certificate. */
    private static String https(Shell shell, Path work, String host, String port, String path) {
        return shell.run(work, "curl", "-sS", "--cacert", work.resolve("platform.pem").toString(), "-w", "\n%{http_code}",
                "--resolve", host + ":" + port + ":127.0.0.1", "https://" + host + ":" + port + path).ok().output().strip();
    }
}
