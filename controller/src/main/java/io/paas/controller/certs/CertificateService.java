package io.paas.controller.certs;

import io.paas.controller.audit.AuditAction;
import io.paas.controller.audit.AuditTrail;
import io.paas.controller.apps.App;
import io.paas.controller.domains.DomainNames;
import io.paas.controller.platform.KeyVault;
import io.paas.controller.problems.Problem;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** An app's TLS certificates: checked on upload, listed without keys, removed by name. */
@ApplicationScoped
public class CertificateService {
    private static final Logger LOG = Logger.getLogger(CertificateService.class);
    private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");

    private final KeyVault vault;
    private final AuditTrail audit;

    public CertificateService(KeyVault vault, AuditTrail audit) {
        this.audit = audit;
        this.vault = vault;
    }

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
        cert.sealedKey = vault.seal(checked.keyPem());
        cert.expiresAt = checked.expiresAt();
        cert.persistAndFlush();
        audit.record(AuditAction.CERT_ADD, app.id, app.name, name + " for " + String.join(", ", checked.hosts())
                + ", expires " + checked.expiresAt());
        return cert;
    }

    /** Puts a certificate in place of the app's one of that name (a renewal), as one change. */
    @Transactional
    public AppCertificate replace(App app, String name, String certPem, String keyPem) {
        AppCertificate.delete("app.id = ?1 and name = ?2", app.id, name);
        return add(app, name, certPem, keyPem);
    }

    /** The key's PEM, for the routers only. */
    public String keyPem(AppCertificate cert) {
        return vault.open(cert.sealedKey);
    }

    /**
     * Encrypts the keys stored in clear text before encryption existed. Done at start rather than
     * on the next write: certificates are added and removed, never rewritten, so an old row would
     * otherwise stay clear text for good. Safe to run again and from two controllers at once.
     */
    void sealLegacyKeysAtStart(@Observes StartupEvent event) {
        try {
            int sealed = QuarkusTransaction.requiringNew().call(this::sealLegacyKeys);
            if (sealed > 0) {
                LOG.infof("encrypted the private keys of %d certificates stored before encryption", sealed);
            }
        } catch (RuntimeException e) {
            // Clear-text keys still serve; the next start tries again.
            LOG.errorf("could not encrypt the stored certificate keys: %s", e.getMessage());
        }
    }

    public int sealLegacyKeys() {
        int sealed = 0;
        List<AppCertificate> legacy = AppCertificate.list("sealedKey not like ?1", KeyVault.PREFIX + "%");
        for (AppCertificate cert : legacy) {
            // Only if still clear text: another controller may have sealed it meanwhile.
            sealed += AppCertificate.update("sealedKey = ?1 where id = ?2 and sealedKey = ?3",
                    vault.seal(cert.sealedKey), cert.id, cert.sealedKey);
        }
        return sealed;
    }

    @Transactional
    public void remove(App app, String name) {
        long removed = AppCertificate.delete("app.id = ?1 and name = ?2", app.id, name);
        if (removed == 0) {
            throw Problem.notFound("no certificate " + name + " on " + app.name + ": see paas certs");
        }
        audit.record(AuditAction.CERT_REMOVE, app.id, app.name, name);
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
