package io.paas.controller.domains;

import io.paas.controller.routes.PlatformRoutes;

import io.paas.controller.audit.AuditAction;
import io.paas.controller.audit.AuditTrail;
import io.paas.controller.apps.App;
import io.paas.controller.platform.PlatformSettings;
import io.paas.controller.problems.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.util.List;

/** Adds and removes an app's custom domains; a domain belongs to one app platform-wide. */
@ApplicationScoped
public class DomainService {
    private final PlatformSettings settings;
    private final AuditTrail audit;

    private final PlatformRoutes platformRoutes;

    public DomainService(PlatformSettings settings, AuditTrail audit, PlatformRoutes platformRoutes) {
        this.platformRoutes = platformRoutes;
        this.audit = audit;
        this.settings = settings;
    }

    @Transactional
    public Domain add(App app, String requested) {
        String hostname = DomainNames.canonical(requested, settings.domain());
        if (platformRoutes.taken(hostname)) {
            throw Problem.conflict("domain " + hostname + " is one of the platform's own hosts (PAAS_API_HOST, PAAS_GIT_HOST)");
        }
        Domain existing = Domain.byHostname(hostname).orElse(null);
        if (existing != null) {
            // Never name the other app: it may belong to another user.
            throw Problem.conflict(existing.app.id.equals(app.id)
                    ? "domain " + hostname + " is already added to " + app.name
                    : "domain " + hostname + " is already in use");
        }
        Domain domain = new Domain();
        domain.app = App.findById(app.id);
        domain.hostname = hostname;
        try {
            domain.persistAndFlush();
        } catch (PersistenceException e) {
            // Another request took the same domain between the check above and this insert.
            throw Problem.conflict("domain " + hostname + " is already in use");
        }
        Domain.getEntityManager().refresh(domain); // reads created_at, set by the database
        audit.record(AuditAction.DOMAIN_ADD, app.id, app.name, hostname);
        return domain;
    }

    @Transactional
    public void remove(App app, String requested) {
        String hostname = requested == null ? "" : requested.strip().toLowerCase(java.util.Locale.ROOT);
        Domain domain = Domain.byHostname(hostname).filter(d -> d.app.id.equals(app.id))
                .orElseThrow(() -> Problem.notFound("no domain " + hostname + " on " + app.name + ": see paas domains"));
        domain.delete();
        audit.record(AuditAction.DOMAIN_REMOVE, app.id, app.name, hostname);
    }

    @Transactional
    public List<String> hostnames(String app) {
        return Domain.ofApp(app).stream().map(d -> d.hostname).toList();
    }

    @Transactional
    public List<Domain> of(String app) {
        return Domain.ofApp(app);
    }
}
