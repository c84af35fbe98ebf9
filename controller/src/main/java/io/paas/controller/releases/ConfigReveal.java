package io.paas.controller.releases;

import io.paas.controller.apps.App;
import io.paas.controller.audit.AuditAction;
import io.paas.controller.audit.AuditTrail;
import io.paas.controller.problems.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * One config value shown to someone who may read the app's config (the console's Reveal button), recorded
 * in the audit trail as config.reveal with the key's name: who saw which secret, and never the secret itself.
 */
@ApplicationScoped
public class ConfigReveal {
    private final ReleaseService releases;
    private final AuditTrail audit;

    public ConfigReveal(ReleaseService releases, AuditTrail audit) {
        this.releases = releases;
        this.audit = audit;
    }

    /** The current release's value of key; 404 (and no entry) when it has none. */
    @Transactional
    public String reveal(App app, String key) {
        String value = key == null ? null : releases.config(releases.current(app)).get(key);
        if (value == null) {
            throw Problem.notFound("no config var " + Problem.shown(key) + " in " + app.name + ": see paas config");
        }
        audit.record(AuditAction.CONFIG_REVEAL, app.id, app.name, key);
        return value;
    }
}
