package io.paas.controller.audit;

import io.quarkus.arc.Arc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;

/**
 * The platform's record of who did what, when and from which address. Services record here (not the
 * REST resources), so every way in gets the same entries. An entry joins the transaction of the change it
 * records: a change rolled back leaves no entry. Details never hold a config value or any other secret:
 * config entries name keys only.
 */
@ApplicationScoped
public class AuditTrail {
    /** The actor of a change no request asked for (the platform's own background work). */
    public static final String PLATFORM = "platform";
    private static final int ACTOR_LENGTH = 64;
    private static final int DETAILS_LENGTH = 1000;

    private final CallerOrigin origin;

    public AuditTrail(CallerOrigin origin) {
        this.origin = origin;
    }

    /** The request is the actor's (a username, or a platform service's name): its changes are recorded as theirs. */
    public void callerIs(String actor) {
        if (inRequest()) {
            origin.actor(actor);
        }
    }

    /** A change about an app (appId null: platform-wide) by whoever the request authenticated as. */
    @Transactional
    public void record(AuditAction action, Long appId, String appName, String details) {
        recordAs(caller(PLATFORM), action, appId, appName, details);
    }

    /** Whom the request authenticated as, or the fallback when it did not (or there is no request). */
    public String caller(String fallback) {
        return inRequest() && origin.actor() != null ? origin.actor() : fallback;
    }

    /** A change by a named actor: a pushing user the builder names, a failed login's name, a token's owner. */
    @Transactional
    public void recordAs(String actor, AuditAction action, Long appId, String appName, String details) {
        AuditEntry entry = new AuditEntry();
        entry.appId = appId;
        entry.appName = appName;
        entry.actor = shown(actor == null || actor.isBlank() ? PLATFORM : actor, ACTOR_LENGTH);
        entry.action = action.word();
        entry.details = details == null ? null : shown(details, DETAILS_LENGTH);
        entry.address = inRequest() ? origin.address() : null;
        entry.createdAt = Instant.now();
        entry.persist();
    }

    /** An app's entries, newest first. */
    @Transactional
    public List<AuditEntry> ofApp(long appId, int limit) {
        return AuditEntry.find("appId = ?1 order by createdAt desc, id desc", appId).page(0, limit).list();
    }

    /** The whole platform's entries, or those about apps of that name (destroyed ones too), newest first. */
    @Transactional
    public List<AuditEntry> all(String appName, int limit) {
        return (appName == null ? AuditEntry.find("order by createdAt desc, id desc")
                : AuditEntry.find("appName = ?1 order by createdAt desc, id desc", appName)).page(0, limit).list();
    }

    /** Removes the entries older than the cut; answers how many. */
    @Transactional
    public long forgetBefore(Instant cut) {
        return AuditEntry.delete("createdAt < ?1", cut);
    }

    private static boolean inRequest() {
        return Arc.container().requestContext().isActive();
    }

    /** What a caller typed (a login name) is kept printable and bounded. */
    private static String shown(String text, int max) {
        String printable = text.codePoints().map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() <= max ? printable : printable.substring(0, max - 1) + "…";
    }
}
