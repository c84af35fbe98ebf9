package io.paas.controller.users;

/** The platform's own services, each calling with its own token and only the rights it uses. */
public enum Service {
    /** Checks pushes, reads what a build needs, records builds. */
    BUILDER,
    /** Follows the route table and acknowledges it. */
    ROUTER;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
