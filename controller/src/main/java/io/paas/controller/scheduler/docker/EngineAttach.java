package io.paas.controller.scheduler.docker;

import io.paas.controller.scheduler.AttachedProcess;
import java.io.Closeable;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * A container's standard streams through the engine's attach endpoint, on a connection of its own.
 * docker-java's hijacked attach cannot end the container's input (it never half-closes the
 * connection, so `echo x | paas run cat` would never end); here end of input is a shutdown of the
 * connection's output, which Docker and Podman pass on as end of file with StdinOnce. The protocol:
 * POST /containers/{id}/attach, upgraded to a raw stream; without a TTY each piece of output comes
 * after an 8-byte header (stream, 0, 0, 0, length), with one the bytes come as they are.
 */
final class EngineAttach implements Closeable {
    private static final int HEADER_LIMIT = 16 * 1024;

    private final SocketChannel channel;
    private final DataInputStream in;
    private final boolean tty;

    private EngineAttach(SocketChannel channel, boolean tty) {
        this.channel = channel;
        this.in = new DataInputStream(Channels.newInputStream(channel));
        this.tty = tty;
    }

    /** dockerHost: unix:///path/engine.sock or tcp://host:port (plain; the platform's engine is a local socket). */
    static EngineAttach open(String dockerHost, String containerId, boolean tty) throws IOException {
        URI uri = URI.create(dockerHost);
        SocketChannel channel = switch (uri.getScheme()) {
            case "unix" -> SocketChannel.open(UnixDomainSocketAddress.of(uri.getPath()));
            case "tcp" -> SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort()));
            default -> throw new IOException("cannot attach through " + dockerHost + ": only unix:// and tcp:// engines");
        };
        EngineAttach attach = new EngineAttach(channel, tty);
        try {
            attach.upgrade(containerId);
            return attach;
        } catch (IOException | RuntimeException e) {
            attach.close();
            throw e;
        }
    }

    private void upgrade(String containerId) throws IOException {
        String request = "POST /v" + EngineScheduler.API_VERSION + "/containers/" + containerId
                + "/attach?stream=1&stdin=1&stdout=1&stderr=1 HTTP/1.1\r\n"
                + "Host: engine\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n";
        ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
        while (out.hasRemaining()) {
            channel.write(out);
        }
        String head = readHead();
        String status = head.lines().findFirst().orElse("");
        if (!status.matches("HTTP/1\\.[01] (101|200)\\b.*")) {
            throw new IOException("the engine refused to attach: " + status);
        }
    }

    private String readHead() throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the engine closed the connection while attaching");
            }
            if (head.length() > HEADER_LIMIT) {
                throw new IOException("the engine's answer to attach has no end of headers");
            }
            head.append((char) b);
        }
        return head.toString();
    }

    void write(byte[] bytes, int offset, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, length);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    void closeInput() throws IOException {
        channel.shutdownOutput();
    }

    /** Copies output until the engine ends the stream (the process ended or its container went). */
    void copyOutput(AttachedProcess.Output out) throws IOException {
        try {
            copy(out);
        } catch (ClosedChannelException closed) {
            // closed by its holder: the output ends there
        }
    }

    private void copy(AttachedProcess.Output out) throws IOException {
        byte[] buffer = new byte[16 * 1024];
        if (tty) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                out.write(AttachedProcess.STDOUT, buffer, 0, n);
            }
            return;
        }
        byte[] header = new byte[8];
        while (true) {
            try {
                in.readFully(header);
            } catch (EOFException end) {
                return;
            }
            int stream = header[0] == 2 ? AttachedProcess.STDERR : AttachedProcess.STDOUT;
            int remaining = ByteBuffer.wrap(header, 4, 4).getInt();
            while (remaining > 0) {
                int n = in.read(buffer, 0, Math.min(buffer.length, remaining));
                if (n < 0) {
                    return;
                }
                out.write(stream, buffer, 0, n);
                remaining -= n;
            }
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing: nothing left to do with it
        }
    }
}
