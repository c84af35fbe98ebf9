package io.paas.controller.routes;

import io.paas.client.Api;
import io.paas.controller.certs.AppCertificate;
import io.paas.controller.certs.CertificateService;
import io.paas.controller.domains.DomainService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an app's domains, router settings and certificates and hands them to the in-memory
 * route table. Called after every committed change to them, and for every app at start.
 */
@ApplicationScoped
public class RouteMetaPublisher {
    private static final Logger LOG = Logger.getLogger(RouteMetaPublisher.class);
    private final DomainService domains;
    private final CertificateService certificates;
    private final RouterSettingsService settings;
    private final RouteTable routes;

    public RouteMetaPublisher(DomainService domains, CertificateService certificates,
                              RouterSettingsService settings, RouteTable routes) {
        this.domains = domains;
        this.certificates = certificates;
        this.settings = settings;
        this.routes = routes;
    }

    /**
     * Publishes the app's current state; answers the route table generation that holds it.
     * Synchronized so that the last read (after the last commit) is also the last one published.
     */
    public synchronized long refresh(String app) {
        RouteMeta meta = QuarkusTransaction.requiringNew().call(() -> read(app));
        return routes.updateMeta(app, meta);
    }

    private RouteMeta read(String app) {
        List<String> hostnames = domains.hostnames(app);
        List<AppCertificate> certs = certificates.of(app);
        // Each domain gets exactly one certificate, so routers need no tie-break of their own.
        Map<AppCertificate, List<String>> served = new LinkedHashMap<>();
        for (String hostname : hostnames) {
            CertificateService.servedFor(certs, hostname)
                    .ifPresent(cert -> served.computeIfAbsent(cert, c -> new ArrayList<>()).add(hostname));
        }
        List<Api.Certificate> tableCerts = new ArrayList<>();
        served.forEach((cert, hosts) -> {
            String keyPem;
            try {
                keyPem = certificates.keyPem(cert);
            } catch (IllegalStateException e) {
                // One unreadable key must not take the app's domains and settings off the routers.
                LOG.errorf("certificate %s/%s left out of the route table: %s", app, cert.name, e.getMessage());
                return;
            }
            // Routers get the key decrypted: their protocol does not change with storage.
            tableCerts.add(new Api.Certificate(app + "/" + cert.name, List.copyOf(hosts),
                    cert.certPem, keyPem, cert.expiresAt.toString()));
        });
        return new RouteMeta(hostnames, settings.forRouter(app), tableCerts);
    }
}
