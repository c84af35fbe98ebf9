package io.paas.router;

import io.paas.client.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** HTTPS with certificates generated here by openssl: SNI picks the certificate, HTTP/2 over ALPN, h2c, HSTS. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsTest {
    private Fixture fixture;
    private Path dir;
    private String rsaCert;
    private String ecCert;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("router-tls");
        openssl("-newkey", "rsa:2048", "-keyout", "rsa.key", "-out", "rsa.pem", "-subj", "/CN=secure.example.com",
                "-addext", "subjectAltName=DNS:secure.example.com");
        openssl("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-keyout", "ec.key", "-out", "ec.pem",
                "-subj", "/CN=*.wild.example.com", "-addext", "subjectAltName=DNS:*.wild.example.com");
        rsaCert = Files.readString(dir.resolve("rsa.pem"));
        ecCert = Files.readString(dir.resolve("ec.pem"));
        fixture = new Fixture();
        FakeController c = fixture.controller;
        c.route("secure.example.com", "secure", new Api.RouteSettings(null, true, null, null, null, null, null, null),
                fixture.one.endpoint());
        c.route("*.wild.example.com", "wild", fixture.two.endpoint());
        c.certificate(new Api.Certificate("rsa", List.of("secure.example.com"), rsaCert,
                Files.readString(dir.resolve("rsa.key")), null));
        long last = c.certificate(new Api.Certificate("ec", List.of("*.wild.example.com"), ecCert,
                Files.readString(dir.resolve("ec.key")), null));
        fixture.awaitGeneration(last);
    }

    private void openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl", "req", "-x509", "-nodes", "-days", "2"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0, output);
    }

    @AfterAll
    void stop() throws Exception {
        fixture.close();
    }

    private HttpClient client(String sni, HttpClient.Version version) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        trust.setCertificateEntry("rsa", factory.generateCertificate(new ByteArrayInputStream(rsaCert.getBytes())));
        trust.setCertificateEntry("ec", factory.generateCertificate(new ByteArrayInputStream(ecCert.getBytes())));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        SSLParameters parameters = new SSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(sni)));
        return HttpClient.newBuilder().sslContext(context).sslParameters(parameters).version(version).build();
    }

    private HttpResponse<String> get(String host, HttpClient.Version version) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + fixture.router.tlsPort() + "/"))
                .header("Host", host).build();
        return client(host, version).send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static String subject(HttpResponse<?> response) throws Exception {
        X509Certificate peer = (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
        return peer.getSubjectX500Principal().getName();
    }

    @Test
    void sniPicksTheExactCertificateWithHsts() throws Exception {
        HttpResponse<String> response = get("secure.example.com", HttpClient.Version.HTTP_1_1);
        assertEquals(200, response.statusCode());
        assertEquals("one", response.body());
        assertEquals("CN=secure.example.com", subject(response));
        assertEquals("https", response.headers().firstValue("Echo-X-Forwarded-Proto").orElse(null));
        assertEquals("max-age=31536000", response.headers().firstValue("Strict-Transport-Security").orElse(null));
    }

    /**
     * HTTP/2 over ALPN. With the Vert.x client: the JDK client can only name the server by its URI (these
     * names do not resolve here), and an HTTP/2 Host header that differs from :authority is malformed.
     */
    @Test
    void http2OverAlpnWithHostVerification() throws Exception {
        io.vertx.core.http.HttpClient client = fixture.vertx.createHttpClient(new io.vertx.core.http.HttpClientOptions()
                .setSsl(true).setUseAlpn(true).setProtocolVersion(io.vertx.core.http.HttpVersion.HTTP_2)
                .setVerifyHost(true)
                .setTrustOptions(new io.vertx.core.net.PemTrustOptions().addCertValue(io.vertx.core.buffer.Buffer.buffer(rsaCert))));
        try {
            io.vertx.core.http.HttpClientResponse[] seen = new io.vertx.core.http.HttpClientResponse[1];
            String body = client.request(new io.vertx.core.http.RequestOptions()
                            .setServer(io.vertx.core.net.SocketAddress.inetSocketAddress(fixture.router.tlsPort(), "127.0.0.1"))
                            .setHost("secure.example.com").setPort(443).setURI("/"))
                    .compose(request -> request.send())
                    .compose(response -> {
                        seen[0] = response;
                        return response.body();
                    })
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).toString();
            assertEquals("one", body);
            assertEquals(io.vertx.core.http.HttpVersion.HTTP_2, seen[0].version());
            assertEquals("max-age=31536000", seen[0].getHeader("strict-transport-security"));
        } finally {
            client.close();
        }
    }

    @Test
    void sniPicksTheWildcardCertificateOverHttp11() throws Exception {
        HttpResponse<String> response = get("api.wild.example.com", HttpClient.Version.HTTP_1_1);
        assertEquals("two", response.body());
        assertEquals(HttpClient.Version.HTTP_1_1, response.version());
        assertEquals("CN=*.wild.example.com", subject(response));
        assertNull(response.headers().firstValue("Strict-Transport-Security").orElse(null), "HSTS only with tls:enforce");
    }

    @Test
    void h2cUpgradeOnThePlainPort() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fixture.port() + "/"))
                .header("Host", "api.wild.example.com").build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals("two", response.body());
        assertEquals(HttpClient.Version.HTTP_2, response.version());
    }
}
