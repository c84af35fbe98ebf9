package io.paas.controller.users;

import io.paas.client.Api;
import io.paas.controller.audit.AuditAction;
import io.paas.controller.audit.AuditTrail;
import io.paas.controller.platform.PlatformSettings;
import io.paas.controller.problems.Problem;
import io.paas.controller.teams.Team;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Pattern;

/** Registration, login and the resolution of a bearer token to a user or to one of the platform's services. */
@ApplicationScoped
public class UserService {
    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9._-]{1,63}$");
    /** last_used_at is written at most this often per token, not at every request. */
    private static final Duration USE_RESOLUTION = Duration.ofMinutes(1);
    /** A hash no password matches in practice, checked for unknown names. */
    private static final String NOBODY = PasswordHasher.hash(PasswordHasher.newToken());

    private final PlatformSettings settings;
    private final Registration registration;
    private final LoginThrottle throttle;
    private final TokenService tokens;
    private final AuditTrail audit;

    public UserService(PlatformSettings settings, Registration registration, LoginThrottle throttle, TokenService tokens,
                       AuditTrail audit) {
        this.audit = audit;
        this.settings = settings;
        this.registration = registration;
        this.throttle = throttle;
        this.tokens = tokens;
    }

    /**
     * A new user. The first becomes the admin; later ones need registration open or an admin's
     * authorization (the admin's session is not replaced: the answer carries the new user's token).
     */
    @Transactional
    public Api.Session register(Api.Credentials credentials, String authorization) {
        boolean first = User.count() == 0;
        if (!first && !Registration.OPEN.equals(registration.mode()) && !callerIsAdmin(authorization)) {
            throw Problem.forbidden("registration is closed: an admin registers new users (paas users:add), "
                    + "or opens registration (paas admin:registration open)");
        }
        String username = validName("username", credentials == null ? null : credentials.username());
        String password = credentials.password();
        PasswordHasher.checkStrength(password);
        if (User.byName(username).isPresent() || Team.byName(username).isPresent()) {
            throw Problem.conflict("user " + username + " already exists: log in with paas login");
        }
        User user = new User();
        user.username = username;
        user.passwordHash = PasswordHasher.hash(password);
        user.admin = first;
        user.persist();
        // An admin registering someone is the actor; anyone else registers themself.
        audit.recordAs(audit.caller(username), AuditAction.USER_CREATE, null, null,
                username + (first ? " (the first user: admin)" : ""));
        return new Api.Session(username, tokens.issue(user, "login", null).token());
    }

    /** Checks the password, slowed down for a name or an address that keeps failing ({@link LoginThrottle}). */
    @Transactional(dontRollbackOn = Problem.class)
    public Api.Session login(Api.Credentials credentials, String address) {
        return login(credentials, address, "login", null);
    }

    /** A login whose token is named (the web console's "console session") and may expire. */
    @Transactional(dontRollbackOn = Problem.class)
    public Api.Session login(Api.Credentials credentials, String address, String tokenDescription, Long expiresInSeconds) {
        String username = credentials == null || credentials.username() == null ? "" : credentials.username().strip();
        throttle.check(username, address);
        User user = User.byName(username).orElse(null);
        String password = credentials == null || credentials.password() == null ? "" : credentials.password();
        // An unknown name costs the same hash as a known one: the answer's time must not tell them apart.
        boolean matches = PasswordHasher.matches(password, user == null ? NOBODY : user.passwordHash);
        if (user == null || credentials.password() == null || !matches) {
            throttle.failed(username, address);
            audit.recordAs(username, AuditAction.LOGIN_FAILED, null, null, "wrong username or password");
            throw Problem.unauthorized("wrong username or password");
        }
        throttle.succeeded(username, address);
        if (user.disabled) {
            audit.recordAs(username, AuditAction.LOGIN_FAILED, null, null, "the user is disabled");
            throw Problem.forbidden("user " + username + " is disabled: ask an admin");
        }
        if (PasswordHasher.needsRehash(user.passwordHash)) {
            user.passwordHash = PasswordHasher.hash(password);
        }
        return new Api.Session(user.username, tokens.issue(user, tokenDescription, expiresInSeconds).token());
    }

    /**
     * A new password (passwd, and an admin's reset): every token of the user but kept stops working at once,
     * so whoever held one must sign in with the new password. kept: the caller's own token for passwd, else null.
     */
    @Transactional
    public void setPassword(User user, String newPassword, Long kept) {
        PasswordHasher.checkStrength(newPassword);
        User stored = User.findById(user.id);
        stored.passwordHash = PasswordHasher.hash(newPassword);
        tokens.revokeAllBut(stored, kept);
    }

    /** The user of an "Authorization: Bearer TOKEN" header; 401 otherwise. */
    @Transactional
    public User authenticate(String authorization) {
        String token = bearer(authorization);
        if (token == null) {
            throw Problem.unauthorized("not logged in: run paas login");
        }
        User user = userOfToken(token);
        audit.callerIs(user.username);
        return user;
    }

    /** The token's user: 401 for an unknown, revoked or expired token, and for a disabled user's. */
    @Transactional
    public User userOfToken(String token) {
        ApiToken found = tokens.find(token);
        Instant now = Instant.now();
        if (found == null || (found.expiresAt != null && !found.expiresAt.isAfter(now)) || found.user.disabled) {
            throw Problem.unauthorized("invalid, revoked or expired token: run paas login");
        }
        if (found.lastUsedAt == null || found.lastUsedAt.isBefore(now.minus(USE_RESOLUTION))) {
            found.lastUsedAt = now;
        }
        return found.user;
    }

    /** The id of the token in the header (the caller's own), to tell it apart in auth:tokens and passwd. */
    @Transactional
    public Long tokenId(String authorization) {
        String token = bearer(authorization);
        ApiToken found = token == null ? null : tokens.find(token);
        return found == null ? null : found.id;
    }

    /** A user by name, for admins and owners naming someone: 404 when there is none. */
    @Transactional
    public User require(String username) {
        return User.byName(username == null ? "" : username.strip())
                .orElseThrow(() -> Problem.notFound("no user named " + username + ": see paas users"));
    }

    /** Which of the platform's services calls with this header, if any. */
    public Optional<Service> service(String authorization) {
        String token = bearer(authorization);
        if (token == null) {
            return Optional.empty();
        }
        Service service = same(token, settings.builderToken()) ? Service.BUILDER
                : same(token, settings.routerToken()) ? Service.ROUTER : null;
        if (service != null) {
            audit.callerIs(service.label());
        }
        return Optional.ofNullable(service);
    }

    /** 401 for a user or no token; 403 for the other service's token. */
    public void requireService(String authorization, Service needed) {
        Service caller = service(authorization).orElseThrow(
                () -> Problem.unauthorized("this call is for the platform's own services"));
        if (caller != needed) {
            throw Problem.forbidden("the " + caller.label() + "'s token may not do this");
        }
    }

    /** Names of users and teams (one namespace): 2-64 lowercase letters, digits, '.', '_' or '-'. */
    public static String validName(String what, String requested) {
        String name = requested == null ? "" : requested.strip();
        if (!NAME.matcher(name).matches()) {
            throw Problem.invalid("invalid " + what + " '" + Problem.shown(name)
                    + "': use 2-64 lowercase letters, digits, '.', '_' or '-', starting with a letter");
        }
        return name;
    }

    private boolean callerIsAdmin(String authorization) {
        if (bearer(authorization) == null) {
            return false;
        }
        return authenticate(authorization).admin;
    }

    private static boolean same(String token, String expected) {
        return expected != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).strip();
        return token.isEmpty() ? null : token;
    }
}
