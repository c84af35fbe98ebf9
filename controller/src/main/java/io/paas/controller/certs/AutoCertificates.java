package io.paas.controller.certs;

import io.paas.client.Api;
import io.paas.controller.apps.App;
import io.paas.controller.audit.AuditAction;
import io.paas.controller.audit.AuditTrail;
import io.paas.controller.domains.DomainService;
import io.paas.controller.logs.AppLogs;
import io.paas.controller.platform.PlatformSettings;
import io.paas.controller.routes.RouteMetaPublisher;
import io.paas.controller.routes.RouteTable;
import io.paas.controller.routes.RouterAcks;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.exception.AcmeNetworkException;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * paas certs:auto: each of an app's custom domains gets a certificate over ACME (HTTP-01, answered by the routers),
 * as one certificate named "auto" for all of them, renewed once a domain's served certificate has less than
 * PAAS_ACME_RENEW_DAYS (30) left, when the domains change, and at the first check after enabling. Checks run one at
 * a time on one thread: at start, every PAAS_ACME_CHECK_INTERVAL (1 h), and at once after enabling or a domain
 * change. Wildcards are left out with the reason: HTTP-01 cannot prove them (DNS-01 is needed). A failure goes to
 * the app's log and the audit trail, and is tried again at the next check.
 */
@ApplicationScoped
public class AutoCertificates {
    static final String NAME = "auto";
    private static final Logger LOG = Logger.getLogger(AutoCertificates.class);
    private static final Duration ROUTERS = Duration.ofSeconds(15);
    /** Let's Encrypt allows 5 failed validations per hostname and hour: at most one attempt per 10 minutes after a failure. */
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(10);
    private static final String WILDCARD = "a wildcard: HTTP-01 cannot prove it (the CA needs DNS-01 for *.); add its certificate with paas certs:add";

    private final DomainService domains;
    private final CertificateService certificates;
    private final RouteMetaPublisher publisher;
    private final RouteTable routes;
    private final RouterAcks acks;
    private final AppLogs logs;
    private final AuditTrail audit;
    private final AcmeClient acme;
    private final String directory;
    private final Duration renewBefore;
    private final Duration interval;
    private final Duration backoff;
    /** When each app's last attempt failed: a domain change or enable right after waits, as the CA's limits ask. */
    private final Map<String, Instant> failedAt = new ConcurrentHashMap<>();
    private ScheduledExecutorService worker;

    public AutoCertificates(DomainService domains, CertificateService certificates, RouteMetaPublisher publisher,
                            RouteTable routes, RouterAcks acks, AppLogs logs, AuditTrail audit, PlatformSettings settings) {
        this.domains = domains;
        this.certificates = certificates;
        this.publisher = publisher;
        this.routes = routes;
        this.acks = acks;
        this.logs = logs;
        this.audit = audit;
        Config config = ConfigProvider.getConfig();
        this.directory = config.getOptionalValue("paas.acme.directory", String.class)
                .orElse("https://acme-v02.api.letsencrypt.org/directory");
        this.renewBefore = Duration.ofDays(config.getOptionalValue("paas.acme.renew-days", Integer.class).orElse(30));
        this.interval = Duration.ofSeconds(config.getOptionalValue("paas.acme.check-interval", Integer.class).orElse(3600));
        this.backoff = interval.compareTo(MAX_BACKOFF) < 0 ? interval : MAX_BACKOFF;
        this.acme = new AcmeClient(URI.create(directory), config.getOptionalValue("paas.acme.email", String.class).orElse(null),
                settings.dataDir().resolve("secrets/acme-account.pem"),
                config.getOptionalValue("paas.acme.ca-cert", String.class).map(Path::of).orElse(null));
    }

    void start(@Observes StartupEvent event) {
        worker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "certs-auto");
            thread.setDaemon(true);
            return thread;
        });
        worker.scheduleWithFixedDelay(this::checkAll, 30, interval.toSeconds(), TimeUnit.SECONDS);
    }

    void stop(@Observes ShutdownEvent event) {
        if (worker != null) {
            worker.shutdownNow();
        }
    }

    /** Turns automatic certificates on for the app and starts its first check. */
    public void enable(App app) {
        QuarkusTransaction.requiringNew().run(() -> {
            App managed = App.findById(app.id);
            if (!managed.certsAuto) {
                managed.certsAuto = true;
                managed.certsAutoStatus = "waiting for the first check";
                audit.record(AuditAction.CERT_AUTO, app.id, app.name, "enabled (" + directory + ")");
            }
        });
        request(app.name);
    }

    /** Turns them off; the certificate issued last stays until it is removed (paas certs:remove auto). */
    public void disable(App app) {
        QuarkusTransaction.requiringNew().run(() -> {
            App managed = App.findById(app.id);
            if (managed.certsAuto) {
                managed.certsAuto = false;
                managed.certsAutoStatus = null;
                audit.record(AuditAction.CERT_AUTO, app.id, app.name, "disabled");
            }
        });
    }

    /** A check of the app soon (after enabling, or when its domains changed); nothing when it is not enabled. */
    public void request(String app) {
        if (worker != null) {
            worker.execute(() -> check(app));
        }
    }

    /** What paas certs:auto shows. */
    public Api.CertsAuto status(App app) {
        App managed = QuarkusTransaction.requiringNew().call(() -> App.<App>findById(app.id));
        List<AppCertificate> certs = certificates.of(app.name);
        Optional<AppCertificate> auto = certs.stream().filter(c -> NAME.equals(c.name)).findFirst();
        List<Api.CertsAutoDomain> list = new ArrayList<>();
        for (String domain : domains.hostnames(app.name)) {
            if (domain.startsWith("*.")) {
                list.add(new Api.CertsAutoDomain(domain, "refused", null, WILDCARD));
            } else if (auto.isPresent() && auto.get().hosts().contains(domain)) {
                list.add(new Api.CertsAutoDomain(domain, "issued", auto.get().expiresAt.toString(), null));
            } else {
                list.add(new Api.CertsAutoDomain(domain, "waiting", null, null));
            }
        }
        return new Api.CertsAuto(managed.certsAuto, directory, managed.certsAutoStatus, list);
    }

    private void checkAll() {
        try {
            List<String> apps = QuarkusTransaction.requiringNew().call(() ->
                    App.<App>list("certsAuto = true order by name").stream().map(a -> a.name).toList());
            for (String app : apps) {
                try {
                    check(app);
                } catch (RuntimeException e) {
                    LOG.warnf("automatic certificates: the check of %s failed: %s", app, e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("automatic certificates: the check failed, tried again in %d s: %s", interval.toSeconds(), e.getMessage());
        }
    }

    /** Issues or renews the app's certificate when it is due. */
    void check(String name) {
        App app = QuarkusTransaction.requiringNew().call(() -> App.<App>byName(name).orElse(null));
        if (app == null || !app.certsAuto) {
            return;
        }
        List<String> wanted = new ArrayList<>(new TreeSet<>(domains.hostnames(name).stream()
                .filter(d -> !d.startsWith("*.")).toList()));
        if (wanted.isEmpty()) {
            status(app, "no custom domain to certify: add one with paas domains:add");
            return;
        }
        List<AppCertificate> certs = certificates.of(name);
        Optional<AppCertificate> auto = certs.stream().filter(c -> NAME.equals(c.name)).findFirst();
        Instant due = Instant.now().plus(renewBefore);
        boolean renew = auto.isEmpty() || !new TreeSet<>(auto.get().hosts()).equals(new TreeSet<>(wanted))
                || wanted.stream().anyMatch(d -> CertificateService.servedFor(certs, d).map(c -> c.expiresAt.isBefore(due)).orElse(true));
        if (!renew) {
            return;
        }
        Instant failed = failedAt.get(name);
        if (failed != null && failed.plus(backoff).isAfter(Instant.now())) {
            return; // the next check after the back-off tries again
        }
        String what = String.join(", ", wanted);
        try {
            AcmeClient.Issued issued = acme.issue(wanted, new RouterChallenges());
            AppCertificate cert = certificates.replace(app, NAME, issued.certPem(), issued.keyPem());
            publisher.refresh(name);
            failedAt.remove(name);
            status(app, "issued for " + what + " at " + Instant.now() + ", expires " + cert.expiresAt);
            logs.platform(app.id, null, "Certificate for " + what + " issued over ACME, expires " + cert.expiresAt);
        } catch (AcmeClient.Refused | AcmeException | RuntimeException e) {
            failedAt.put(name, Instant.now());
            String reason = reason(e);
            status(app, "failed at " + Instant.now() + " for " + what + ": " + reason + " (tried again in "
                    + Math.max(1, backoff.toMinutes()) + " min at the earliest)");
            logs.platform(app.id, null, "Automatic certificate for " + what + " failed: " + reason);
            audit.record(AuditAction.CERT_AUTO_FAILED, app.id, app.name, what + ": " + reason);
            LOG.warnf("automatic certificate for %s (%s) failed: %s", name, what, reason);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String reason(Exception e) {
        if (e instanceof AcmeNetworkException) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            return "cannot reach the ACME CA at " + directory + " (" + (cause.getMessage() != null ? cause.getMessage()
                    : cause.getClass().getSimpleName()) + ")";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private void status(App app, String line) {
        QuarkusTransaction.requiringNew().run(() -> App.update("certsAutoStatus = ?1 where id = ?2", line, app.id));
    }

    /** Tokens go into the route table; the CA is told to look once every router confirmed that table. */
    private final class RouterChallenges implements AcmeClient.Challenges {
        @Override
        public void answer(String token, String keyAuthorization) {
            long generation = routes.acmeChallenge(token, keyAuthorization);
            if (!acks.awaitAll(generation, ROUTERS)) {
                LOG.warnf("not every router confirmed the ACME challenge within %d s; asking the CA anyway", ROUTERS.toSeconds());
            }
        }

        @Override
        public void forget(String token) {
            routes.acmeChallenge(token, null);
        }
    }
}
