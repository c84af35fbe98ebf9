package io.paas.controller.users;

import io.paas.client.Api;
import io.paas.controller.problems.Problem;
import io.paas.controller.audit.AuditAction;
import io.paas.controller.audit.AuditTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;

/**
 * What admins do to accounts: list, make admin, disable, reset a password, delete. Never to themselves, so
 * one admin always stays (and an admin's own password changes with passwd, which asks for the current one).
 */
@ApplicationScoped
public class AccountService {
    private final UserService users;
    private final TokenService tokens;
    private final AuditTrail audit;

    public AccountService(UserService users, TokenService tokens, AuditTrail audit) {
        this.audit = audit;
        this.users = users;
        this.tokens = tokens;
    }

    @Transactional
    public List<User> all() {
        return User.list("order by username");
    }

    @Transactional
    public User change(User admin, String username, Api.AccountChange change) {
        User user = users.require(username);
        if (change == null || (change.admin() == null && change.disabled() == null)) {
            throw Problem.invalid("nothing to change: give admin or disabled (true or false)");
        }
        if (user.id.equals(admin.id)) {
            throw Problem.conflict("admins do not change their own account this way: another admin does");
        }
        if (change.admin() != null) {
            user.admin = change.admin();
        }
        if (change.disabled() != null) {
            // Tokens stay stored but stop working (UserService.userOfToken), so enabling again needs no new login.
            user.disabled = change.disabled();
        }
        audit.recordAs(admin.username, AuditAction.USER_CHANGE, null, null, username
                + (change.admin() == null ? "" : " admin=" + change.admin())
                + (change.disabled() == null ? "" : " disabled=" + change.disabled()));
        return user;
    }

    /** Sets a user's password as passwd does (UserService.setPassword): all their tokens stop working. */
    @Transactional
    public void resetPassword(User admin, String username, String newPassword) {
        User user = users.require(username);
        if (user.id.equals(admin.id)) {
            throw Problem.conflict("admins change their own password with paas passwd, which asks for the current one");
        }
        users.setPassword(user, newPassword, null);
        audit.recordAs(admin.username, AuditAction.USER_PASSWORD_RESET, null, null, user.username);
    }

    /** Deletes a user who owns nothing any more: their tokens, collaborations and memberships go with them. */
    @Transactional
    public void delete(User admin, User user) {
        if (user.id.equals(admin.id)) {
            throw Problem.conflict("admins do not delete themselves: another admin does");
        }
        tokens.revokeAllBut(user, null);
        User.<User>findById(user.id).delete();
        audit.recordAs(admin.username, AuditAction.USER_DELETE, null, null, user.username);
    }
}
