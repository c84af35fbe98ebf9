package io.paas.router;

import io.paas.client.Api;
import io.paas.router.KeepAliveClient.Conn;
import io.paas.router.KeepAliveClient.Reply;
import io.paas.router.routes.Endpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** HTTP edge cases of the proxy path, seen from a client on a raw socket (or curl for HTTP/2). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ProtocolTest {
    private static final String APP = "app1.localhost";
    private static final int MB8 = 8 * 1024 * 1024;
    private Fixture fixture;
    private ServerSocket blackHole;
    private ServerSocket closingApp;
    private ServerSocket droppingApp;
    private final List<SocketChannel> fillers = new ArrayList<>();

    /** The socket transport under test: auto picks io_uring where it works (ProtocolOnEpollTest, ProtocolOnNioTest: the others). */
    String transport() {
        return "auto";
    }

    @BeforeAll
    void start() throws Exception {
        fixture = new Fixture(transport());
        // An endpoint that never accepts: backlog 1, its accept queue filled, so later SYNs are dropped.
        blackHole = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
        for (int i = 0; i < 3; i++) {
            SocketChannel filler = SocketChannel.open();
            filler.configureBlocking(false);
            filler.connect(new InetSocketAddress("127.0.0.1", blackHole.getLocalPort()));
            fillers.add(filler);
        }
        FakeController c = fixture.controller;
        String one = fixture.one.endpoint();
        c.route(APP, "app1", one);
        c.route("gone.localhost", "gone", one);
        closingApp = closingApp("Connection: close\r\n");
        c.route("closing.localhost", "closing", "127.0.0.1:" + closingApp.getLocalPort());
        droppingApp = closingApp("");
        c.route("dropping.localhost", "dropping", "127.0.0.1:" + droppingApp.getLocalPort());
        long last = c.route("ct.localhost", "ct", new Api.RouteSettings(null, null, null, 300, null, null, null, null),
                "127.0.0.1:" + blackHole.getLocalPort());
        fixture.awaitGeneration(last);
    }

    @AfterAll
    void stop() throws Exception {
        for (SocketChannel filler : fillers) {
            filler.close();
        }
        blackHole.close();
        closingApp.close();
        droppingApp.close();
        fixture.close();
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (Conn conn = new Conn(fixture.port())) {
            conn.send("GET /sleep/200 HTTP/1.1\r\nHost: " + APP + "\r\nX-Request-Id: req-1\r\n\r\n"
                    + "GET /big/10 HTTP/1.1\r\nHost: " + APP + "\r\nX-Request-Id: req-2\r\n\r\n");
            Reply first = conn.read(false);
            Reply second = conn.read(false);
            assertEquals(200, first.status(), first.toString());
            assertEquals("req-1", first.header("x-request-id"));
            assertEquals("one", first.text());
            assertEquals(200, second.status(), second.toString());
            assertEquals("req-2", second.header("x-request-id"));
            assertArrayEquals(pattern(10), second.body());
        }
    }

    @Test
    void pipelinedPostBodyWaitsItsTurn() throws Exception {
        try (Conn conn = new Conn(fixture.port())) {
            conn.send("GET /sleep/200 HTTP/1.1\r\nHost: " + APP + "\r\n\r\n"
                    + "POST /upload HTTP/1.1\r\nHost: " + APP + "\r\nContent-Length: 5\r\n\r\nhello"
                    + "POST /upload HTTP/1.1\r\nHost: " + APP + "\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
                    + "GET / HTTP/1.1\r\nHost: " + APP + "\r\n\r\n");
            assertEquals("one", conn.read(false).text());
            assertEquals("one:5", conn.read(false).text());
            assertEquals("one:3", conn.read(false).text());
            assertEquals("one", conn.read(false).text());
        }
    }

    /**
     * The native listeners defer accepting (TCP_DEFER_ACCEPT): the router gets a connection with its first
     * bytes, not before. A client that waits before speaking, even past the one-second deferral, is served.
     */
    @Test
    void aClientThatWaitsBeforeItsRequestIsServed() throws Exception {
        long before = acceptedConnections();
        try (Conn conn = new Conn(fixture.port())) {
            Thread.sleep(300);
            if (!"nio".equals(fixture.router.transport())) {
                assertEquals(before, acceptedConnections(), "the router took a connection that had sent nothing yet");
            }
            Thread.sleep(1_200);
            conn.send("GET / HTTP/1.1\r\nHost: " + APP + "\r\n\r\n");
            Reply reply = conn.read(false);
            assertEquals(200, reply.status(), reply.toString());
            assertEquals("one", reply.text());
        }
        assertEquals(before + 1, acceptedConnections());
    }

    @Test
    void http10ClientGetsTheBodyAndTheConnectionCloses() throws Exception {
        try (Conn conn = new Conn(fixture.port())) {
            conn.send("GET / HTTP/1.0\r\nHost: " + APP + "\r\n\r\n");
            Reply reply = conn.read(false);
            assertEquals(200, reply.status());
            assertEquals("one", reply.text());
            assertEquals(-1, conn.readByteOrTimeout(3000), "the router closes an HTTP/1.0 connection after the answer");
        }
    }

    @Test
    void http10ClientNeverGetsAChunkedAnswer() throws Exception {
        try (Conn conn = new Conn(fixture.port())) {
            conn.send("GET /chunks HTTP/1.0\r\nHost: " + APP + "\r\n\r\n");
            Reply reply = conn.read(false);
            assertEquals(200, reply.status());
            assertNull(reply.header("transfer-encoding"), "HTTP/1.0 has no chunked coding (RFC 9112 6.1); head " + reply.headers());
            assertEquals("chunk0-chunk1-chunk2-chunk3-end", reply.text());
        }
    }

    @Test
    void headHasNoBodyAndTheConnectionStaysUsable() throws Exception {
        try (Conn conn = new Conn(fixture.port())) {
            conn.send("HEAD / HTTP/1.1\r\nHost: " + APP + "\r\n\r\n");
            Reply head = conn.read(true);
            assertEquals(200, head.status());
            Thread.sleep(200);
            assertEquals(0, conn.in.available(), "bytes after the HEAD answer");
            conn.send("GET / HTTP/1.1\r\nHost: " + APP + "\r\n\r\n");
            Reply get = conn.read(false);
            assertEquals(200, get.status());
            assertEquals("one", get.text());
        }
    }

    @Test
    void fiftyRequestsOnOneKeepAliveConnection() throws Exception {
        try (Conn conn = new Conn(fixture.port())) {
            for (int i = 0; i < 50; i++) {
                conn.send("GET / HTTP/1.1\r\nHost: " + APP + "\r\n\r\n");
                Reply reply = conn.read(false);
                assertEquals(200, reply.status(), "request " + i);
                assertEquals("one", reply.text(), "request " + i);
                assertFalse("close".equalsIgnoreCase(reply.header("connection")), "request " + i + " " + reply.headers());
            }
        }
    }

    @Test
    void chunkedAnswerOfUnknownLengthArrivesWholeAndTheConnectionGoesOn() throws Exception {
        try (Conn conn = new Conn(fixture.port())) {
            conn.send("GET /chunks HTTP/1.1\r\nHost: " + APP + "\r\n\r\n");
            Reply reply = conn.read(false);
            assertEquals(200, reply.status());
            assertEquals("chunk0-chunk1-chunk2-chunk3-end", reply.text());
            conn.send("GET / HTTP/1.1\r\nHost: " + APP + "\r\n\r\n");
            assertEquals("one", conn.read(false).text());
        }
    }

    @Test
    void eightMegabytesEachWay() throws Exception {
        try (Conn conn = new Conn(fixture.port())) {
            byte[] body = pattern(MB8);
            CompletableFuture<Void> sent = conn.sendAsync(("POST /upload HTTP/1.1\r\nHost: " + APP + "\r\nContent-Length: " + MB8
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII), body);
            Reply upload = conn.read(false);
            sent.get(10, TimeUnit.SECONDS);
            assertEquals(200, upload.status(), upload.toString());
            assertEquals("one:" + MB8, upload.text(), "Content-Length upload");

            conn.send("GET /big/" + MB8 + " HTTP/1.1\r\nHost: " + APP + "\r\n\r\n");
            Reply download = conn.read(false);
            assertEquals(200, download.status());
            assertEquals(MB8, download.body().length);
            assertEquals(sha256(body), sha256(download.body()), "download checksum");

            ByteArrayOutputStream chunked = new ByteArrayOutputStream();
            for (int at = 0; at < MB8; at += 65536) {
                chunked.write(("10000\r\n").getBytes(StandardCharsets.US_ASCII));
                chunked.write(body, at, 65536);
                chunked.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            chunked.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            sent = conn.sendAsync(("POST /upload HTTP/1.1\r\nHost: " + APP + "\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII), chunked.toByteArray());
            Reply chunkedUpload = conn.read(false);
            sent.get(10, TimeUnit.SECONDS);
            assertEquals("one:" + MB8, chunkedUpload.text(), "chunked upload");
        }
    }

    @Test
    void expectContinueWhenTheAppSaysNothingBeforeReading() throws Exception {
        expectContinue("/upload");
    }

    @Test
    void expectContinueWhenTheAppSends100Itself() throws Exception {
        expectContinue("/continue");
    }

    @Test
    void headPipelinedBehindAnInterim100KeepsItsPlace() throws Exception {
        // Netty before 4.2.18 counted the app's 100 Continue as the POST's answer: the POST's body was then cut
        // as if it answered the HEAD behind it, and the HEAD's answer waited for a body.
        try (Conn conn = new Conn(fixture.port())) {
            conn.socket.setSoTimeout(5_000);
            conn.send("POST /continue HTTP/1.1\r\nHost: " + APP + "\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\nhello"
                    + "HEAD / HTTP/1.1\r\nHost: " + APP + "\r\n\r\n"
                    + "GET / HTTP/1.1\r\nHost: " + APP + "\r\n\r\n");
            Reply post;
            do {
                post = conn.read(false);
            } while (post.status() == 100);
            assertEquals(200, post.status(), post.toString());
            assertEquals("one:5", post.text());
            Reply head = conn.read(true);
            assertEquals(200, head.status(), head.toString());
            assertEquals("one", conn.read(false).text(), "the GET after the HEAD");
        }
    }

    /** As curl does: the head, up to 1 s for a 100, the body anyway; then the final answer and one more request. */
    private void expectContinue(String path) throws Exception {
        long start = System.nanoTime();
        try (Conn conn = new Conn(fixture.port())) {
            conn.socket.setSoTimeout(5_000);
            conn.send("POST " + path + " HTTP/1.1\r\nHost: " + APP + "\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
            boolean interim = conn.readByteOrTimeout(1000) != -2;
            conn.send("hello");
            Reply reply;
            try {
                do {
                    reply = conn.read(false);
                    interim |= reply.status() == 100;
                } while (reply.status() == 100);
            } catch (IOException e) {
                throw new AssertionError("no final answer (interim 100 seen: " + interim + "): " + e, e);
            }
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertEquals(200, reply.status(), reply.toString());
            assertEquals("one:5", reply.text());
            assertTrue(ms < 5000, "took " + ms + " ms");
            conn.send("GET / HTTP/1.1\r\nHost: " + APP + "\r\n\r\n");
            assertEquals("one", conn.read(false).text(), "the connection goes on after the 100-continue exchange");
        }
    }

    @Test
    void clientLeavingMidAnswerLeavesNothingInFlight() throws Exception {
        Endpoint endpoint = fixture.router.routes().current().lookup("gone.localhost").pick(null, System.nanoTime());
        try (Conn conn = new Conn(fixture.port())) {
            conn.send("GET /slow HTTP/1.1\r\nHost: gone.localhost\r\n\r\n");
            Thread.sleep(100);
            assertEquals(1, endpoint.inFlight(), "the probe sees the request in flight");
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (endpoint.inFlight() != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, endpoint.inFlight(), "in flight after the client left");
        assertEquals("one", RawHttp.get(fixture.port(), "gone.localhost", "/").body());
        Thread.sleep(800);
        assertEquals(0, endpoint.inFlight(), "in flight once the app's late answer came");
    }

    @Test
    void connectTimeoutAnswersQuickly() throws Exception {
        long start = System.nanoTime();
        RawHttp.Answer answer = RawHttp.get(fixture.port(), "ct.localhost", "/");
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(504, answer.status(), "status after " + ms + " ms: " + answer.body());
        assertTrue(ms < 2000, "answered after " + ms + " ms");
    }

    @Test
    void h2cPriorKnowledge() throws Exception {
        String[] out = curl("--http2-prior-knowledge", "http://127.0.0.1:" + fixture.port() + "/");
        assertEquals("one", out[0], "body; stderr " + out[1]);
        assertEquals("2", out[2], "http_version");
    }

    @Test
    void h2cUpgrade() throws Exception {
        String[] out = curl("--http2", "http://127.0.0.1:" + fixture.port() + "/");
        assertEquals("one", out[0], "body; stderr " + out[1]);
        assertEquals("2", out[2], "http_version");
    }

    @Test
    void h2cPriorKnowledgePostWithABody() throws Exception {
        Path file = Files.createTempFile("paas-h2", ".bin");
        try {
            Files.write(file, pattern(1024 * 1024));
            String[] out = curl("--http2-prior-knowledge", "--data-binary", "@" + file, "http://127.0.0.1:" + fixture.port() + "/upload");
            assertEquals("one:" + 1024 * 1024, out[0], "body; stderr " + out[1]);
            assertEquals("2", out[2], "http_version");
        } finally {
            Files.delete(file);
        }
    }

    @Test
    void oversizedHeadersGetA4xx() throws Exception {
        try (Conn conn = new Conn(fixture.port())) {
            conn.socket.setSoTimeout(5_000);
            conn.send("GET / HTTP/1.1\r\nHost: " + APP + "\r\nX-Big: " + "a".repeat(40_000) + "\r\n\r\n");
            Reply reply;
            try {
                reply = conn.read(false);
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no answer in 5 s (hang)", e);
            } catch (IOException e) {
                throw new AssertionError("no answer, connection ended: " + e, e);
            }
            assertTrue(reply.status() == 431 || reply.status() == 400, "status " + reply.status());
        }
    }

    @Test
    void headersNamedInTheAppsConnectionHeaderDoNotReachTheClient() throws Exception {
        RawHttp.Answer answer = RawHttp.get(fixture.port(), APP, "/hop");
        assertEquals(200, answer.status());
        assertEquals("one", answer.body());
        assertNull(answer.header("X-Secret"), "hop-by-hop header reached the client: " + answer.headers());
    }

    @Test
    void anAppThatClosesRightAfterItsAnswerStillDeliversItToAKeepAliveClient() throws Exception {
        // As busybox httpd (the static buildpack's server before nginx): Connection: close, the head, then the body and the
        // end of the connection together. On io_uring no read-complete followed that last read: the body stayed
        // unflushed in the router and the client waited forever.
        assertEveryAnswerArrives("closing.localhost");
    }

    @Test
    void anAppThatDropsItsKeepAliveConnectionRightAfterItsAnswerStillDeliversIt() throws Exception {
        // The same without Connection: close: the router pools the connection, then the app's FIN arrives.
        assertEveryAnswerArrives("dropping.localhost");
    }

    private void assertEveryAnswerArrives(String host) throws Exception {
        try (Conn conn = new Conn(fixture.port())) {
            conn.socket.setSoTimeout(5_000);
            for (int i = 0; i < 3; i++) {
                conn.send("GET / HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
                Reply reply = conn.read(false);
                assertEquals(200, reply.status(), "request " + i);
                assertEquals("closing app", reply.text(), "request " + i);
            }
        }
    }

    @Test
    void headersNamedInTheClientsConnectionHeaderDoNotReachTheApp() throws Exception {
        assertAppDoesNotSeeXHop("Connection: keep-alive, X-Hop\r\n");
    }

    @Test
    void headersNamedInASecondConnectionLineDoNotReachTheApp() throws Exception {
        assertAppDoesNotSeeXHop("Connection: keep-alive\r\nConnection: X-Hop\r\n");
    }

    private void assertAppDoesNotSeeXHop(String connectionLines) throws Exception {
        try (Conn conn = new Conn(fixture.port())) {
            conn.send("GET /headers HTTP/1.1\r\nHost: " + APP + "\r\n" + connectionLines + "X-Hop: 1\r\nX-Kept: 1\r\n\r\n");
            String names = conn.read(false).text();
            assertTrue(names.contains("x-kept\n"), names);
            assertFalse(names.contains("x-hop\n"), "the app saw X-Hop: " + names.replace('\n', ' '));
        }
    }

    /** curl against the plain port: {body, stderr and exit code, http_version}. */
    private String[] curl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-S", "--max-time", "10", "-o", "-",
                "-w", "\n%{http_version}", "-H", "Host: " + APP));
        command.addAll(List.of(args));
        Path err = Files.createTempFile("paas-curl", ".err");
        Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(15, TimeUnit.SECONDS), "curl hangs");
        int split = out.lastIndexOf('\n');
        String stderr = Files.readString(err) + " exit " + process.exitValue();
        Files.delete(err);
        return new String[] {out.substring(0, Math.max(split, 0)), stderr, out.substring(split + 1)};
    }

    /** An app on a plain socket: per connection one answer with Connection: close, the body sent with the close. */
    private static ServerSocket closingApp(String connectionHeader) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    socket.setTcpNoDelay(true);
                    InputStream in = socket.getInputStream();
                    int matched = 0;
                    while (matched < 4) {
                        int b = in.read();
                        if (b < 0) {
                            break;
                        }
                        matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
                    }
                    var out = socket.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\n" + connectionHeader + "Content-Type: text/plain\r\nContent-Length: 11\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread.sleep(20);
                    out.write("closing app".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException | InterruptedException e) {
                    // closed at the end of the class, or a client that left
                }
            }
        }, "closing-app");
        thread.setDaemon(true);
        thread.start();
        return server;
    }

    static byte[] pattern(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (i % 251);
        }
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** paas_router_connections_total, as /metrics shows it. */
    private long acceptedConnections() {
        String metrics = fixture.router.metrics().exposition();
        Matcher total = Pattern.compile("(?m)^paas_router_connections_total (\\d+)$").matcher(metrics);
        assertTrue(total.find(), "no paas_router_connections_total in the metrics");
        return Long.parseLong(total.group(1));
    }
}
