package io.paas.controller.console;

import io.vertx.core.http.HttpServerRequest;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;

/**
 * A signed-in browser: its cookie holds an API token made at sign-in (named "console session", expiring),
 * so a session is checked, listed and revoked as every token is, and outlives a controller restart. Its
 * CSRF token is an HMAC of that API token: the same for the whole session, not stored anywhere, and not
 * computable by a page that cannot read the HttpOnly cookie.
 *
 * @param token the API token in the cookie
 */
record ConsoleSession(String token) {
    static final String COOKIE = "paas_session";
    /** Before sign-in there is no session: the sign-in form's CSRF token is a random one, in this cookie too. */
    static final String SIGN_IN_COOKIE = "paas_sign_in";
    static final String TOKEN_NAME = "console session";
    static final Duration LIFETIME = Duration.ofDays(30);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The Authorization header the API's own checks take. */
    String authorization() {
        return "Bearer " + token;
    }

    String csrf() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal("paas console csrf".getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean csrfMatches(String given) {
        return same(csrf(), given);
    }

    static String randomToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static boolean same(String expected, String given) {
        return expected != null && given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    /** Secure when the browser came over TLS, to us or to a proxy in front that says so. */
    static boolean overTls(HttpServerRequest request) {
        return request.isSSL() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
    }

    /** A Set-Cookie value; maxAge 0 removes the cookie. */
    static String cookie(String name, String value, long maxAgeSeconds, HttpServerRequest request) {
        return name + "=" + value + "; Path=/console; Max-Age=" + maxAgeSeconds + "; HttpOnly; SameSite=Lax"
                + (overTls(request) ? "; Secure" : "");
    }
}
