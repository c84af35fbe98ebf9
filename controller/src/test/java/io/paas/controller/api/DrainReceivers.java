package io.paas.controller.api;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a drain's user runs: syslog receivers over TCP and TLS that read RFC 6587 octet-counted
 * frames, and an HTTPS endpoint that takes logplex batches. TLS uses a self-signed certificate for
 * 127.0.0.1 made with openssl, which the controller under test trusts through PAAS_DRAIN_CA_FILE.
 */
final class DrainReceivers {
    private static final String PASSWORD = "changeit";

    private DrainReceivers() {
    }

    /** The test certificate's directory, made once per test JVM (the profile and the test find it by the pid). */
    static synchronized Path certificates() {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "paas-drain-certs-" + ProcessHandle.current().pid());
        if (Files.exists(dir.resolve("server.p12"))) {
            return dir;
        }
        try {
            Files.createDirectories(dir);
            run(dir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                    "-keyout", "key.pem", "-out", "cert.pem", "-subj", "/CN=127.0.0.1", "-days", "2",
                    "-addext", "subjectAltName=IP:127.0.0.1");
            run(dir, "openssl", "pkcs12", "-export", "-in", "cert.pem", "-inkey", "key.pem", "-out", "server.p12.tmp",
                    "-passout", "pass:" + PASSWORD);
            Files.move(dir.resolve("server.p12.tmp"), dir.resolve("server.p12"));
            return dir;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("could not make the drain test's certificate: " + e.getMessage(), e);
        }
    }

    static Path caFile() {
        return certificates().resolve("cert.pem");
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + ": " + output);
        }
    }

    static SSLContext serverTls() throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(certificates().resolve("server.p12"))) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        return context;
    }

    /** A free port on 127.0.0.1 (for a receiver started later). */
    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** The messages of a stream of octet-counted frames ("LEN MSG" after "LEN MSG"); a frame that is not one fails. */
    static List<String> frames(InputStream in, List<String> into) throws IOException {
        while (true) {
            int c = in.read();
            if (c < 0) {
                return into;
            }
            StringBuilder length = new StringBuilder();
            while (c != ' ') {
                if (c < '0' || c > '9' || length.length() > 6) {
                    throw new IOException("not an octet-counted frame: length " + length + (char) c);
                }
                length.append((char) c);
                c = in.read();
                if (c < 0) {
                    throw new EOFException("frame cut in its length");
                }
            }
            byte[] message = in.readNBytes(Integer.parseInt(length.toString()));
            if (message.length < Integer.parseInt(length.toString())) {
                throw new EOFException("frame cut: " + new String(message, StandardCharsets.UTF_8));
            }
            into.add(new String(message, StandardCharsets.UTF_8));
        }
    }

    /** A syslog receiver over TCP (TLS when tls is given) on 127.0.0.1, keeping every message and every framing error. */
    static final class Syslog implements AutoCloseable {
        final List<String> messages = new CopyOnWriteArrayList<>();
        final List<String> errors = new CopyOnWriteArrayList<>();
        private final ServerSocket server;

        Syslog(SSLContext tls, int port) throws IOException {
            server = tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            Thread acceptor = new Thread(this::accept, "syslog-receiver");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket socket = server.accept();
                    Thread reader = new Thread(() -> {
                        try (socket; InputStream in = socket.getInputStream()) {
                            frames(in, messages);
                        } catch (IOException e) {
                            if (!server.isClosed()) {
                                errors.add(e.toString());
                            }
                        }
                    }, "syslog-reader");
                    reader.setDaemon(true);
                    reader.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** One POST the HTTPS receiver took: its logplex headers and its body's messages. */
    record Batch(Map<String, String> headers, List<String> messages) {
    }

    /** An HTTPS endpoint at /logs on 127.0.0.1 taking logplex batches. */
    static final class Https implements AutoCloseable {
        final List<Batch> batches = new CopyOnWriteArrayList<>();
        final List<String> errors = new CopyOnWriteArrayList<>();
        private final HttpsServer server;

        Https(int port) throws Exception {
            server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(serverTls()));
            server.createContext("/logs", exchange -> {
                try (exchange) {
                    byte[] body = exchange.getRequestBody().readAllBytes();
                    Map<String, String> headers = new java.util.HashMap<>();
                    for (String name : List.of("Content-Type", "Logplex-Msg-Count", "Logplex-Frame-Id", "Logplex-Drain-Token")) {
                        headers.put(name, exchange.getRequestHeaders().getFirst(name));
                    }
                    headers.put("method", exchange.getRequestMethod());
                    try {
                        batches.add(new Batch(headers, frames(new ByteArrayInputStream(body), new ArrayList<>())));
                    } catch (IOException e) {
                        errors.add(e.toString());
                    }
                    exchange.sendResponseHeaders(204, -1);
                }
            });
            server.start();
        }

        int port() {
            return server.getAddress().getPort();
        }

        List<String> messages() {
            return batches.stream().flatMap(b -> b.messages().stream()).toList();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
