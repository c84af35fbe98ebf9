package io.paas.controller.drains;

import io.paas.controller.logs.LogLine;
import io.paas.controller.platform.PlatformAddresses;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;

/**
 * syslog:// and syslog+tls:// drains: one TCP connection (TLS over it for syslog+tls, the host name
 * verified) carrying {@link SyslogFrames} with the drain's token as HOSTNAME, as Heroku's.
 */
final class SyslogTransport implements DrainTransport {
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private final DrainTarget target;
    private final DrainSettings settings;
    private Socket socket;
    private OutputStream out;

    SyslogTransport(DrainTarget target, DrainSettings settings) {
        this.target = target;
        this.settings = settings;
    }

    @Override
    public void open() throws IOException {
        if (socket != null) {
            return;
        }
        DrainUrl url = target.url();
        // Checked again at each connection: the name may resolve elsewhere than when it was added.
        if (!settings.allowPlatformAddresses() && PlatformAddresses.isPlatformAddress(url.host())) {
            throw new IOException(url.host() + " resolves to an address of the platform itself");
        }
        Socket plain = new Socket();
        try {
            plain.connect(new InetSocketAddress(url.host(), url.port()), CONNECT_TIMEOUT_MILLIS);
            plain.setSoTimeout(CONNECT_TIMEOUT_MILLIS);
            Socket connected = plain;
            if (url.kind() == DrainUrl.Kind.SYSLOG_TLS) {
                SSLSocket tls = (SSLSocket) settings.tls().getSocketFactory().createSocket(plain, url.host(), url.port(), true);
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(parameters);
                tls.startHandshake();
                connected = tls;
            }
            socket = connected;
            out = new BufferedOutputStream(connected.getOutputStream(), 64 * 1024);
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e instanceof IOException io ? io : new IOException(e.getMessage(), e);
        }
    }

    @Override
    public void send(List<LogLine> lines) throws IOException {
        for (LogLine line : lines) {
            out.write(SyslogFrames.frame(line, target.token()));
        }
        out.flush();
    }

    @Override
    public int batch() {
        return 500;
    }

    @Override
    public long lingerMillis() {
        return 0;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // gone already
            }
        }
        socket = null;
        out = null;
    }
}
