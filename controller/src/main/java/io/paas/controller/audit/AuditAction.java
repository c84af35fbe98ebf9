package io.paas.controller.audit;

/** What an audit entry records: a short fixed word, as users read it in paas audit. */
public enum AuditAction {
    APP_CREATE("app.create"),
    APP_DESTROY("app.destroy"),
    APP_TRANSFER("app.transfer"),
    PUSH("push"),
    DEPLOY("deploy"),
    CONFIG_SET("config.set"),
    CONFIG_UNSET("config.unset"),
    /** One config value shown to a user (the console's Reveal): the entry names the key, never the value. */
    CONFIG_REVEAL("config.reveal"),
    LIMITS_SET("limits.set"),
    HEALTHCHECKS_SET("healthchecks.set"),
    PORTS_SET("ports.set"),
    SCALE("scale"),
    RESTART("restart"),
    ROLLBACK("rollback"),
    RUN("run"),
    /** A one-off process stopped by a user (paas ps:stop run.N). */
    RUN_STOP("run.stop"),
    DOMAIN_ADD("domain.add"),
    DOMAIN_REMOVE("domain.remove"),
    CERT_ADD("cert.add"),
    CERT_REMOVE("cert.remove"),
    /** paas certs:auto:enable / :disable. */
    CERT_AUTO("cert.auto"),
    /** An automatic certificate (ACME) could not be had or renewed: the entry says for which domains and why. */
    CERT_AUTO_FAILED("cert.auto.failed"),
    ROUTER_SET("router.set"),
    PERMS_ADD("perms.add"),
    PERMS_REMOVE("perms.remove"),
    TEAM_CREATE("team.create"),
    TEAM_DELETE("team.delete"),
    TEAM_MEMBER_ADD("team.member.add"),
    TEAM_MEMBER_REMOVE("team.member.remove"),
    TOKEN_CREATE("token.create"),
    TOKEN_REVOKE("token.revoke"),
    USER_CREATE("user.create"),
    USER_CHANGE("user.change"),
    USER_DELETE("user.delete"),
    /** An admin set another user's password (users:passwd); that user's tokens were revoked. */
    USER_PASSWORD_RESET("user.password.reset"),
    REGISTRATION_SET("registration.set"),
    LOGIN_FAILED("login.failed");

    private final String word;

    AuditAction(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }
}
