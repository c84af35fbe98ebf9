package io.paas.controller.certs;

import io.paas.controller.apps.App;
import io.paas.controller.domains.DomainNames;
import io.paas.controller.problems.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** An app's TLS certificates: checked on upload, listed without keys, removed by name. */
@ApplicationScoped
public class CertificateService {
    private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");

    @Transactional
    public AppCertificate add(App app, String requestedName, String certPem, String keyPem) {
        CertificateCheck.Checked checked = CertificateCheck.check(certPem, keyPem, Instant.now());
        String name = requestedName == null || requestedName.isBlank()
                ? nameFor(checked.hosts().get(0)) : requestedName.strip();
        if (!NAME.matcher(name).matches()) {
            throw Problem.invalid("invalid certificate name '" + name + "': use 1-63 lowercase letters, digits and dashes");
        }
        if (AppCertificate.count("app.id = ?1 and name = ?2", app.id, name) > 0) {
            throw Problem.conflict("certificate " + name + " already exists on " + app.name
                    + ": remove it first (paas certs:remove " + name + ") or pick another --name");
        }
        AppCertificate cert = new AppCertificate();
        cert.app = App.findById(app.id);
        cert.name = name;
        cert.hostLines = String.join("\n", checked.hosts());
        cert.certPem = checked.certPem();
        cert.keyPem = checked.keyPem();
        cert.expiresAt = checked.expiresAt();
        cert.persistAndFlush();
        return cert;
    }

    @Transactional
    public void remove(App app, String name) {
        long removed = AppCertificate.delete("app.id = ?1 and name = ?2", app.id, name);
        if (removed == 0) {
            throw Problem.notFound("no certificate " + name + " on " + app.name + ": see paas certs");
        }
    }

    @Transactional
    public List<AppCertificate> of(String app) {
        return AppCertificate.ofApp(app);
    }

    /** The certificate served for a domain: among those covering it, the one that expires last. */
    public static Optional<AppCertificate> servedFor(List<AppCertificate> certs, String domain) {
        return certs.stream().filter(c -> c.hosts().stream().anyMatch(h -> DomainNames.covers(h, domain)))
                .max(Comparator.comparing((AppCertificate c) -> c.expiresAt).thenComparing(c -> c.name));
    }

    /** "www.example.com" -> "www-example-com", "*.example.com" -> "wildcard-example-com". */
    static String nameFor(String host) {
        String name = host.replace("*", "wildcard").replace('.', '-').replaceAll("[^a-z0-9-]", "");
        name = name.length() > 63 ? name.substring(0, 63) : name;
        return name.replaceAll("^-+|-+$", "").isEmpty() ? "cert" : name.replaceAll("^-+|-+$", "");
    }
}
