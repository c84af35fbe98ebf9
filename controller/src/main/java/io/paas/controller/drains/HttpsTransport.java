package io.paas.controller.drains;

import io.paas.controller.logs.LogLine;
import io.paas.controller.platform.PlatformAddresses;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * https:// drains: a POST per batch (up to 500 lines gathered for up to a second) with Heroku's
 * logplex headers (Content-Type application/logplex-1, Logplex-Msg-Count, Logplex-Frame-Id,
 * Logplex-Drain-Token) and a body of {@link SyslogFrames} with "host" as HOSTNAME. A user and
 * password in the URL go as basic authentication, as Heroku sends them. Any answer but 2xx is a failure.
 */
final class HttpsTransport implements DrainTransport {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final DrainTarget target;
    private final DrainSettings settings;
    private final URI endpoint;
    private final String authorization;
    private HttpClient client;

    HttpsTransport(DrainTarget target, DrainSettings settings) {
        this.target = target;
        this.settings = settings;
        URI uri = target.url().uri();
        try {
            this.endpoint = new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(),
                    uri.getPath() == null || uri.getPath().isEmpty() ? "/" : uri.getPath(), uri.getQuery(), null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
        String user = uri.getRawUserInfo();
        this.authorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString(URLDecoder.decode(user, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void open() {
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(TIMEOUT).sslContext(settings.tls())
                    .followRedirects(HttpClient.Redirect.NEVER).build();
        }
    }

    @Override
    public void send(List<LogLine> lines) throws IOException {
        if (!settings.allowPlatformAddresses() && PlatformAddresses.isPlatformAddress(target.url().host())) {
            throw new IOException(target.url().host() + " resolves to an address of the platform itself");
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (LogLine line : lines) {
            body.write(SyslogFrames.frame(line, "host"));
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
                .header("Content-Type", "application/logplex-1")
                .header("Logplex-Msg-Count", Integer.toString(lines.size()))
                .header("Logplex-Frame-Id", UUID.randomUUID().toString())
                .header("Logplex-Drain-Token", target.token())
                .header("User-Agent", "paas-logplex")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<Void> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new IOException("the drain answered " + response.statusCode());
        }
    }

    @Override
    public int batch() {
        return 500;
    }

    @Override
    public long lingerMillis() {
        return 1_000;
    }

    @Override
    public void close() {
        // the client's connections are reused across batches and closed when it is collected
    }
}
