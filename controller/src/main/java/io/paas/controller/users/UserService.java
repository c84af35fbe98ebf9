package io.paas.controller.users;

import io.paas.client.Api;
import io.paas.controller.platform.PlatformSettings;
import io.paas.controller.problems.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** Registration, login and the resolution of a bearer token to a user or to the platform's services. */
@ApplicationScoped
public class UserService {
    private static final Pattern USERNAME = Pattern.compile("^[a-z][a-z0-9._-]{1,63}$");
    private final PlatformSettings settings;

    public UserService(PlatformSettings settings) {
        this.settings = settings;
    }

    @Transactional
    public Api.Session register(Api.Credentials credentials) {
        String username = validUsername(credentials);
        String password = credentials.password();
        if (password == null || password.length() < 8) {
            throw Problem.invalid("password must be at least 8 characters");
        }
        if (User.byName(username).isPresent()) {
            throw Problem.conflict("user " + username + " already exists: log in with paas login");
        }
        User user = new User();
        user.username = username;
        user.passwordHash = PasswordHasher.hash(password);
        user.admin = User.count() == 0;
        user.persist();
        return new Api.Session(username, issueToken(user));
    }

    /** A hash no password matches in practice, checked for unknown names. */
    private static final String NOBODY = PasswordHasher.hash(PasswordHasher.newToken());

    @Transactional
    public Api.Session login(Api.Credentials credentials) {
        String username = credentials == null || credentials.username() == null ? "" : credentials.username().strip();
        User user = User.byName(username).orElse(null);
        String password = credentials == null || credentials.password() == null ? "" : credentials.password();
        // An unknown name costs the same hash as a known one: the answer's time must not tell them apart.
        boolean matches = PasswordHasher.matches(password, user == null ? NOBODY : user.passwordHash);
        if (user == null || credentials.password() == null || !matches) {
            throw Problem.unauthorized("wrong username or password");
        }
        if (PasswordHasher.needsRehash(user.passwordHash)) {
            user.passwordHash = PasswordHasher.hash(password);
        }
        return new Api.Session(user.username, issueToken(user));
    }

    /** The user of an "Authorization: Bearer TOKEN" header; 401 otherwise. */
    @Transactional
    public User authenticate(String authorization) {
        String token = bearer(authorization);
        if (token == null) {
            throw Problem.unauthorized("not logged in: run paas login");
        }
        return userOfToken(token);
    }

    @Transactional
    public User userOfToken(String token) {
        ApiToken found = ApiToken.find("tokenHash", PasswordHasher.sha256(token)).firstResult();
        if (found == null) {
            throw Problem.unauthorized("invalid or expired token: run paas login");
        }
        return found.user;
    }

    /** True when the header carries the platform's service token (builder, router). */
    public boolean isService(String authorization) {
        String token = bearer(authorization);
        String service = settings.serviceToken();
        return token != null && service != null && MessageDigest.isEqual(
                token.getBytes(StandardCharsets.UTF_8), service.getBytes(StandardCharsets.UTF_8));
    }

    public void requireService(String authorization) {
        if (!isService(authorization)) {
            throw Problem.unauthorized("this call is for the platform's own services");
        }
    }

    private static String issueToken(User user) {
        String token = PasswordHasher.newToken();
        ApiToken stored = new ApiToken();
        stored.user = user;
        stored.tokenHash = PasswordHasher.sha256(token);
        stored.persist();
        return token;
    }

    private static String validUsername(Api.Credentials credentials) {
        String username = credentials == null || credentials.username() == null ? "" : credentials.username().strip();
        if (!USERNAME.matcher(username).matches()) {
            throw Problem.invalid("invalid username '" + username
                    + "': use 2-64 lowercase letters, digits, '.', '_' or '-', starting with a letter");
        }
        return username;
    }

    private static String bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = authorization.substring(7).strip();
        return token.isEmpty() ? null : token;
    }
}
