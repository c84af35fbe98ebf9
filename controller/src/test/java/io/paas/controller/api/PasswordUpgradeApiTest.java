package io.paas.controller.api;

import io.paas.controller.users.User;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

import static io.paas.controller.api.TestUsers.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Passwords stored with an older, cheaper hash are hashed again at OWASP's current count at the next login. */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class PasswordUpgradeApiTest {
    private static final String PASSWORD = "s3cret-pass";

    @Test
    void anOldHashIsUpgradedAtTheNextLogin() throws Exception {
        String username = unique("old");
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", PASSWORD))
                .when().post("/v2/auth/register").then().statusCode(201);
        String old = oldHash(PASSWORD);
        QuarkusTransaction.requiringNew().run(() -> User.byName(username).orElseThrow().passwordHash = old);

        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", "wrong-pass"))
                .when().post("/v2/auth/login").then().statusCode(401);
        assertTrue(storedHash(username).equals(old), "a failed login changes nothing");

        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", PASSWORD))
                .when().post("/v2/auth/login").then().statusCode(200);
        assertTrue(storedHash(username).startsWith("pbkdf2$600000$"), storedHash(username));
        given().contentType(ContentType.JSON).body(Map.of("username", username, "password", PASSWORD))
                .when().post("/v2/auth/login").then().statusCode(200);
    }

    @Test
    void anUnknownNameIsAnsweredLikeAWrongPassword() {
        given().contentType(ContentType.JSON).body(Map.of("username", unique("nobody"), "password", PASSWORD))
                .when().post("/v2/auth/login").then().statusCode(401)
                .contentType("application/problem+json");
    }

    private static String storedHash(String username) {
        return QuarkusTransaction.requiringNew().call(() -> User.byName(username).orElseThrow().passwordHash);
    }

    /** What the platform stored before: PBKDF2-HMAC-SHA256 at 210,000 iterations. */
    private static String oldHash(String password) throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 210_000, 256)).getEncoded();
        return "pbkdf2$210000$" + Base64.getEncoder().encodeToString(salt) + "$" + Base64.getEncoder().encodeToString(hash);
    }
}
