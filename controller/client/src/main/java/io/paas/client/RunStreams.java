package io.paas.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The streams of an attached one-off process (paas run) over one WebSocket, in binary messages whose
 * first byte names the channel, as Kubernetes' exec protocol (v4.channel.k8s.io) does: 0 input,
 * 1 output, 2 error output, 3 the end ({"status":N,"message":"..."}), 4 the terminal's size
 * ({"Width":W,"Height":H}), and 255 [0] the end of input.
 */
public final class RunStreams implements AutoCloseable {
    public static final int STDIN = 0;
    public static final int STDOUT = 1;
    public static final int STDERR = 2;
    public static final int STATUS = 3;
    public static final int RESIZE = 4;
    public static final int CLOSE = 255;

    /** What the process sends: called on one thread, in order. */
    public interface Receiver {
        void output(int stream, byte[] bytes) throws IOException;

        void ended(int status, String message);

        /** The connection ended before the process said it ended. */
        void lost(String why);
    }

    private final WebSocket socket;

    private RunStreams(WebSocket socket) {
        this.socket = socket;
    }

    static RunStreams connect(HttpClient http, URI uri, String token, Receiver receiver) throws IOException {
        WebSocket.Builder builder = http.newWebSocketBuilder();
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        try {
            return new RunStreams(builder.buildAsync(uri, new Listener(receiver)).get(30, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IOException(cause.getMessage() == null ? cause.toString() : cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new IOException("no answer in 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    public void input(byte[] bytes, int offset, int length) throws IOException {
        ByteBuffer message = ByteBuffer.allocate(length + 1).put((byte) STDIN).put(bytes, offset, length).flip();
        send(message);
    }

    public void closeInput() throws IOException {
        send(ByteBuffer.wrap(new byte[] {(byte) CLOSE, STDIN}));
    }

    public void resize(int rows, int columns) throws IOException {
        byte[] size = ("{\"Width\":" + columns + ",\"Height\":" + rows + "}").getBytes(StandardCharsets.US_ASCII);
        send(ByteBuffer.allocate(size.length + 1).put((byte) RESIZE).put(size).flip());
    }

    /** One message at a time: the JDK's WebSocket refuses a send while the previous one is under way. */
    private synchronized void send(ByteBuffer message) throws IOException {
        try {
            socket.sendBinary(message, true).get();
        } catch (ExecutionException e) {
            throw new IOException("the connection to the process ended: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    /** Leaves the process: the platform stops it and removes its container. */
    @Override
    public void close() {
        socket.abort();
    }

    private static final class Listener implements WebSocket.Listener {
        private final Receiver receiver;
        private ByteBuffer partial = ByteBuffer.allocate(0);
        private boolean ended;

        Listener(Receiver receiver) {
            this.receiver = receiver;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            ByteBuffer joined = ByteBuffer.allocate(partial.remaining() + data.remaining()).put(partial).put(data).flip();
            if (!last) {
                partial = joined;
            } else {
                partial = ByteBuffer.allocate(0);
                deliver(joined);
            }
            socket.request(1);
            return null;
        }

        private void deliver(ByteBuffer message) {
            if (!message.hasRemaining()) {
                return;
            }
            int channel = message.get() & 0xff;
            byte[] bytes = new byte[message.remaining()];
            message.get(bytes);
            try {
                if (channel == STDOUT || channel == STDERR) {
                    receiver.output(channel, bytes);
                } else if (channel == STATUS) {
                    ended = true;
                    Api.RunEnd end = ControllerClient.JSON.readValue(bytes, Api.RunEnd.class);
                    receiver.ended(end.status(), end.message());
                }
            } catch (IOException e) {
                // the caller's own output failed (a closed pipe): nothing more can be shown
                ended = true;
                receiver.lost("cannot write the output: " + e.getMessage());
            }
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            if (!ended) {
                ended = true;
                receiver.lost(reason == null || reason.isBlank() ? "the platform closed the connection (" + statusCode + ")" : reason);
            }
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            if (!ended) {
                ended = true;
                receiver.lost(error.getMessage() == null ? error.toString() : error.getMessage());
            }
        }
    }
}
