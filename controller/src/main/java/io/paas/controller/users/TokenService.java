package io.paas.controller.users;

import io.paas.client.Api;
import io.paas.controller.audit.AuditAction;
import io.paas.controller.audit.AuditTrail;
import io.paas.controller.problems.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** API tokens a user holds: one per login, and named ones from auth:token, each revocable, some expiring. */
@ApplicationScoped
public class TokenService {
    /** Heroku's authorizations last at most a year when given an expiry; so do ours. */
    private static final Duration LONGEST = Duration.ofDays(366);
    private final AuditTrail audit;

    public TokenService(AuditTrail audit) {
        this.audit = audit;
    }

    @Transactional
    public Api.NewToken issue(User user, String description, Long expiresInSeconds) {
        String shown = description == null || description.isBlank() ? "token" : description.strip();
        if (shown.length() > 200 || shown.chars().anyMatch(Character::isISOControl)) {
            throw Problem.invalid("a token's description is at most 200 characters, without control characters");
        }
        if (expiresInSeconds != null && (expiresInSeconds < 60 || expiresInSeconds > LONGEST.toSeconds())) {
            throw Problem.invalid("a token expires in 1 minute to 366 days (--expires-in 30d), not "
                    + expiresInSeconds + " s");
        }
        String token = PasswordHasher.newToken();
        ApiToken stored = new ApiToken();
        stored.user = User.findById(user.id);
        stored.tokenHash = PasswordHasher.sha256(token);
        stored.description = shown;
        stored.expiresAt = expiresInSeconds == null ? null : Instant.now().plusSeconds(expiresInSeconds);
        stored.persistAndFlush();
        ApiToken.getEntityManager().refresh(stored);
        audit.recordAs(user.username, AuditAction.TOKEN_CREATE, null, null, "token " + stored.id + " (" + stored.description + ")"
                + (stored.expiresAt == null ? "" : ", expires " + stored.expiresAt));
        return new Api.NewToken(stored.id, token, stored.description, stored.createdAt.toString(),
                stored.expiresAt == null ? null : stored.expiresAt.toString());
    }

    @Transactional
    public ApiToken find(String token) {
        return ApiToken.find("tokenHash", PasswordHasher.sha256(token)).firstResult();
    }

    /** The user's tokens that still work, newest first. */
    @Transactional
    public List<ApiToken> of(User user) {
        return ApiToken.list("user.id = ?1 and (expiresAt is null or expiresAt > ?2) order by id desc", user.id, Instant.now());
    }

    @Transactional
    public void revoke(User user, long id) {
        if (ApiToken.delete("id = ?1 and user.id = ?2", id, user.id) == 0) {
            throw Problem.notFound("no token " + id + ": see paas auth:tokens");
        }
        audit.recordAs(user.username, AuditAction.TOKEN_REVOKE, null, null, "token " + id);
    }

    /** Every token of the user but the one given (null: all of them). */
    @Transactional
    public long revokeAllBut(User user, Long kept) {
        long revoked = kept == null ? ApiToken.delete("user.id", user.id)
                : ApiToken.delete("user.id = ?1 and id <> ?2", user.id, kept);
        if (revoked > 0) {
            audit.record(AuditAction.TOKEN_REVOKE, null, null, revoked + " token(s) of " + user.username
                    + (kept == null ? "" : ", all but the one in use"));
        }
        return revoked;
    }
}
