package io.paas.controller.drains;

import io.paas.controller.problems.Problem;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A drain's URL, as Heroku takes them: syslog://host:port (RFC 5424 over TCP), syslog+tls://host:port
 * (the same over TLS) or https://host/path (logplex batches). http:// sends logs in the clear and
 * is taken only when the operator sets PAAS_DRAINS_ALLOW_HTTP=true. A syslog port defaults to 514
 * (6514 with TLS, RFC 5425).
 */
public record DrainUrl(URI uri, Kind kind, String host, int port) {
    static final int MAX_LENGTH = 2048;

    public enum Kind { SYSLOG, SYSLOG_TLS, HTTPS }

    /** Parses a stored or requested URL; a bad one is a 400 that says what is expected. */
    public static DrainUrl parse(String text) {
        if (text == null || text.isBlank()) {
            throw Problem.invalid("a drain URL is required, like syslog+tls://logs.example.com:6514 or https://logs.example.com/drain");
        }
        String url = text.strip();
        if (url.length() > MAX_LENGTH || url.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
            throw Problem.invalid("drain URL " + Problem.shown(url) + " is not a URL (at most " + MAX_LENGTH + " characters, no spaces)");
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw Problem.invalid("drain URL " + Problem.shown(url) + " is not a URL: " + e.getReason());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        Kind kind = switch (scheme) {
            case "syslog" -> Kind.SYSLOG;
            case "syslog+tls" -> Kind.SYSLOG_TLS;
            case "https", "http" -> Kind.HTTPS;
            default -> throw Problem.invalid("drain URL " + Problem.shown(url)
                    + " has an unsupported scheme: use syslog://, syslog+tls:// or https://");
        };
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw Problem.invalid("drain URL " + Problem.shown(url) + " has no host");
        }
        if (kind != Kind.HTTPS && (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")
                || uri.getRawQuery() != null || uri.getUserInfo() != null)) {
            throw Problem.invalid("drain URL " + Problem.shown(url) + ": a syslog drain is a host and a port, like syslog://logs.example.com:514");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : switch (kind) {
            case SYSLOG -> 514;
            case SYSLOG_TLS -> 6514;
            case HTTPS -> scheme.equals("http") ? 80 : 443;
        };
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return new DrainUrl(uri, kind, host.startsWith("[") ? host.substring(1, host.length() - 1) : host, port);
    }

    /** Whether the logs go over the network in the clear to an HTTP endpoint. */
    public boolean plainHttp() {
        return "http".equalsIgnoreCase(uri.getScheme());
    }

    @Override
    public String toString() {
        return uri.toString();
    }
}
