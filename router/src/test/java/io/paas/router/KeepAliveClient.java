package io.paas.router;

import io.paas.client.Api;
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
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** A keep-alive HTTP/1.1 client connection on a raw socket: writes requests as given, reads answers one by one. */
final class KeepAliveClient {
    private KeepAliveClient() {
    }

    record Reply(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + (body.length > 200 ? body.length + " bytes" : text());
        }
    }

    /** One client connection that reads answers one at a time (keep-alive, pipelining). */
    static final class Conn implements AutoCloseable {
        final Socket socket;
        final InputStream in;

        Conn(int port) throws IOException {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            in = new BufferedInputStream(socket.getInputStream());
        }

        void send(String text) throws IOException {
            socket.getOutputStream().write(text.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
        }

        /** Writes on another thread: a router that stops reading cannot deadlock the test. */
        CompletableFuture<Void> sendAsync(byte[]... parts) {
            return CompletableFuture.runAsync(() -> {
                try {
                    for (byte[] part : parts) {
                        socket.getOutputStream().write(part);
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }

        /** The next byte without consuming it, -1 at the end of the stream, -2 when nothing came within ms. */
        int readByteOrTimeout(int ms) throws IOException {
            int before = socket.getSoTimeout();
            socket.setSoTimeout(ms);
            in.mark(1);
            try {
                int b = in.read();
                in.reset();
                return b;
            } catch (SocketTimeoutException e) {
                return -2;
            } finally {
                socket.setSoTimeout(before);
            }
        }

        Reply read(boolean head) throws IOException {
            String status = line();
            Map<String, String> headers = new TreeMap<>();
            for (String line; !(line = line()).isEmpty(); ) {
                int colon = line.indexOf(':');
                headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                        (a, b) -> a + ", " + b);
            }
            int code = Integer.parseInt(status.split(" ")[1]);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (head || code < 200 || code == 204 || code == 304) {
                return new Reply(code, headers, new byte[0]);
            }
            if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
                for (int size; (size = Integer.parseInt(line().split(";")[0].trim(), 16)) > 0; ) {
                    body.write(in.readNBytes(size));
                    line();
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            } else if (headers.containsKey("content-length")) {
                int length = Integer.parseInt(headers.get("content-length"));
                byte[] bytes = in.readNBytes(length);
                if (bytes.length < length) {
                    throw new EOFException("body cut at " + bytes.length + " of " + length);
                }
                body.write(bytes);
            } else {
                in.transferTo(body);
            }
            return new Reply(code, headers, body.toByteArray());
        }

        private String line() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b; (b = in.read()) != '\n'; ) {
                if (b == -1) {
                    throw new EOFException("connection closed; line so far: '" + line + "'");
                }
                if (b != '\r') {
                    line.write(b);
                }
            }
            return line.toString(StandardCharsets.US_ASCII);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
