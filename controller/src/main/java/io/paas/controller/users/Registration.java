package io.paas.controller.users;

import io.paas.controller.audit.AuditAction;
import io.paas.controller.audit.AuditTrail;
import io.paas.controller.platform.PlatformSetting;
import io.paas.controller.problems.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who may register: the first user always (and becomes the admin); after that, anyone while an admin keeps
 * registration open, otherwise only admins (`paas register` while logged in as one), as Deis' admin_only.
 * PAAS_REGISTRATION gives the mode until an admin chooses one.
 */
@ApplicationScoped
public class Registration {
    public static final String OPEN = "open";
    public static final String CLOSED = "closed";
    private static final String SETTING = "registration";
    private final String initial;
    private final AuditTrail audit;

    public Registration(@ConfigProperty(name = "paas.registration", defaultValue = CLOSED) String initial, AuditTrail audit) {
        this.audit = audit;
        this.initial = OPEN.equals(initial) ? OPEN : CLOSED;
    }

    @Transactional
    public String mode() {
        PlatformSetting setting = PlatformSetting.findById(SETTING);
        return setting == null ? initial : setting.value;
    }

    @Transactional
    public String set(String mode) {
        if (!OPEN.equals(mode) && !CLOSED.equals(mode)) {
            throw Problem.invalid("registration is open or closed, not '" + mode + "'");
        }
        PlatformSetting setting = PlatformSetting.findById(SETTING);
        if (setting == null) {
            setting = new PlatformSetting();
            setting.name = SETTING;
        }
        setting.value = mode;
        setting.persist();
        audit.record(AuditAction.REGISTRATION_SET, null, null, mode);
        return mode;
    }
}
