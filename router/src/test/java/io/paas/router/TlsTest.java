package io.paas.router;

import io.paas.client.Api;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTPS with certificates generated here by openssl: SNI picks the certificate, HTTP/2 over ALPN, h2c, HSTS,
 * Mozilla's intermediate profile (TlsProfile).
 */
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
        fixture = new Fixture("auto", tlsEngine());
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

    /** As PAAS_ROUTER_TLS_ENGINE: the JDK's TLS here (what the router falls back to), BoringSSL in TlsOnOpenSslTest. */
    String tlsEngine() {
        return "jdk";
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
        SSLParameters parameters = new SSLParameters();
        parameters.setServerNames(List.of(new SNIHostName(sni)));
        return HttpClient.newBuilder().sslContext(trusting()).sslParameters(parameters).version(version).build();
    }

    /** A TLS context that trusts the two test certificates. */
    private SSLContext trusting() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        trust.setCertificateEntry("rsa", factory.generateCertificate(new ByteArrayInputStream(rsaCert.getBytes())));
        trust.setCertificateEntry("ec", factory.generateCertificate(new ByteArrayInputStream(ecCert.getBytes())));
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trustManagers.getTrustManagers(), null);
        return context;
    }

    /** A finished handshake with secure.example.com's RSA certificate, offering only protocol and cipher. */
    private SSLSocket handshake(String protocol, String cipher) throws Exception {
        SSLSocket socket = (SSLSocket) trusting().getSocketFactory().createSocket("127.0.0.1", fixture.router.tlsPort());
        try {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName("secure.example.com")));
            parameters.setProtocols(new String[] {protocol});
            parameters.setCipherSuites(new String[] {cipher});
            socket.setSSLParameters(parameters);
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            return socket;
        } catch (Exception e) {
            socket.close();
            throw e;
        }
    }

    private static String exchange(SSLSocket socket) throws IOException {
        socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: secure.example.com\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
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
    void speaksOnlyTls12And13WithForwardSecretAeadCiphers() throws Exception {
        try (SSLSocket socket = handshake("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")) {
            assertTrue(exchange(socket).startsWith("HTTP/1.1 200"));
        }
        try (SSLSocket socket = handshake("TLSv1.3", "TLS_CHACHA20_POLY1305_SHA256")) {
            assertTrue(exchange(socket).startsWith("HTTP/1.1 200"));
        }
        // CBC (LUCKY13 and its kin) and ciphers without forward secrecy are refused
        assertThrows(SSLHandshakeException.class, () -> handshake("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256").close());
        assertThrows(SSLHandshakeException.class, () -> handshake("TLSv1.2", "TLS_RSA_WITH_AES_128_GCM_SHA256").close());
        // TLS 1.1, asked by a client that still speaks it (the JDK's own client no longer does)
        Process old = new ProcessBuilder("openssl", "s_client", "-connect", "127.0.0.1:" + fixture.router.tlsPort(),
                "-servername", "secure.example.com", "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String said = new String(old.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(old.waitFor(30, TimeUnit.SECONDS));
        assertTrue(old.exitValue() != 0 && !said.contains("BEGIN CERTIFICATE"), said);
    }

    @Test
    void aClientCannotStartANewHandshakeOnAnOpenConnection() throws Exception {
        try (SSLSocket socket = handshake("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")) {
            // renegotiation on demand: a handshake costs the server far more than the client
            assertThrows(IOException.class, () -> {
                socket.startHandshake();
                exchange(socket);
            });
        }
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
