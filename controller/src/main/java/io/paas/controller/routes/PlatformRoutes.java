package io.paas.controller.routes;

import io.paas.client.Api;
import io.paas.controller.certs.CertificateCheck;
import io.paas.controller.domains.DomainNames;
import io.paas.controller.platform.PlatformSettings;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The platform's own hosts on the routers, for a platform that serves the internet: PAAS_API_HOST routes to the
 * controller's API and PAAS_GIT_HOST to the builder's git over HTTP, each on its loopback port, so that only the
 * router needs to listen beyond this machine (PAAS_ROUTER_BIND). PAAS_TLS_CERT and PAAS_TLS_KEY (PEM files, usually a
 * wildcard for *.PAAS_DOMAIN) are the platform's certificate: served for these hosts, and for every app host it
 * covers that has no certificate of its own. A platform host the certificate covers redirects plain HTTP to HTTPS
 * (with HSTS on its HTTPS answers). Read once at start.
 */
@ApplicationScoped
public class PlatformRoutes {
    static final String CERTIFICATE = "platform";
    /** The route's app name: not a valid app name, so no app's logs or metrics are mixed with these. */
    private static final String APP = "(platform)";
    private static final int LONG_MS = 3_600_000;

    private final List<Api.Route> routes = new ArrayList<>();
    private final List<Api.Certificate> certificates = new ArrayList<>();
    private final List<String> hosts = new ArrayList<>();

    public PlatformRoutes(PlatformSettings settings) {
        Api.Certificate certificate = certificate(settings.setting("PAAS_TLS_CERT", null), settings.setting("PAAS_TLS_KEY", null));
        if (certificate != null) {
            certificates.add(certificate);
        }
        add(settings.setting("PAAS_API_HOST", null), "PAAS_API_HOST", "127.0.0.1:" + settings.setting("PAAS_CONTROLLER_PORT", "7100"),
                certificate);
        add(settings.setting("PAAS_GIT_HOST", null), "PAAS_GIT_HOST", "127.0.0.1:" + settings.setting("PAAS_BUILDER_PORT", "7101"),
                certificate);
    }

    private void add(String host, String setting, String endpoint, Api.Certificate certificate) {
        if (host == null || host.isBlank()) {
            return;
        }
        String name = host.strip().toLowerCase(Locale.ROOT);
        if (name.startsWith("*.") || !name.matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?")) {
            throw new IllegalStateException(setting + " must be a host name like paas.example.com, not '" + host + "'");
        }
        boolean secure = certificate != null && certificate.hosts().stream().anyMatch(h -> DomainNames.covers(h, name));
        // A push's build and a followed log (paas logs -t) may be silent for minutes: an hour, not an app's 30 s.
        routes.add(new Api.Route(name, APP, List.of(endpoint),
                new Api.RouteSettings(null, secure, null, null, LONG_MS, LONG_MS, null, null)));
        hosts.add(name);
    }

    private static Api.Certificate certificate(String certFile, String keyFile) {
        if ((certFile == null || certFile.isBlank()) != (keyFile == null || keyFile.isBlank())) {
            throw new IllegalStateException("PAAS_TLS_CERT and PAAS_TLS_KEY go together: set both or neither");
        }
        if (certFile == null || certFile.isBlank()) {
            return null;
        }
        try {
            CertificateCheck.Checked checked = CertificateCheck.check(Files.readString(Path.of(certFile)),
                    Files.readString(Path.of(keyFile)), Instant.now());
            return new Api.Certificate(CERTIFICATE, checked.hosts(), checked.certPem(), checked.keyPem(),
                    checked.expiresAt().toString());
        } catch (IOException e) {
            throw new IllegalStateException("PAAS_TLS_CERT/PAAS_TLS_KEY: cannot read " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("PAAS_TLS_CERT/PAAS_TLS_KEY: " + e.getMessage(), e);
        }
    }

    /** The platform hosts' routes, for the route table. */
    public List<Api.Route> routes() {
        return routes;
    }

    /** The platform certificate, if one is set: listed after the apps' own, which win for their hosts. */
    public List<Api.Certificate> certificates() {
        return certificates;
    }

    /** Whether the host is one of the platform's: no app may take it (as an app host or a custom domain). */
    public boolean taken(String host) {
        return host != null && hosts.contains(host.toLowerCase(Locale.ROOT));
    }
}
