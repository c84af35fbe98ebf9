package io.paas.controller.api;

import io.paas.client.ControllerClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.createApp;
import static io.paas.controller.api.TestUsers.register;
import static io.paas.controller.api.TestUsers.builder;
import static io.paas.controller.api.TestUsers.username;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/** SSH keys (`paas keys`, `keys:add`, `keys:remove`) and the builder's question "whose key, may they push?". */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class KeysApiTest {
    @TestHTTPResource("/")
    URL base;

    @Test
    void aKeyIsAddedListedAndRemovedByFingerprintOrId() throws Exception {
        String token = register();
        // a fingerprint with '/' and '+' in its base64, which the path must carry
        String line = ed25519() + " alice@laptop";
        while (!fingerprint(line).contains("/") || !fingerprint(line).contains("+")) {
            line = ed25519() + " alice@laptop";
        }
        String fingerprint = fingerprint(line);
        String id = as(token).body(Map.of("key", line)).when().post("/v2/keys").then().statusCode(201)
                .body("fingerprint", equalTo(fingerprint)).body("type", equalTo("ssh-ed25519"))
                .body("comment", equalTo("alice@laptop")).extract().path("id");
        as(token).when().get("/v2/keys").then().statusCode(200)
                .body("", hasSize(1)).body("[0].id", equalTo(id)).body("[0].fingerprint", equalTo(fingerprint));

        as(token).when().delete("/v2/keys/" + pathOf(fingerprint)).then().statusCode(204);
        as(token).when().get("/v2/keys").then().statusCode(200).body("", hasSize(0));

        String rsa = rsa(2048);
        String rsaId = as(token).body(Map.of("key", rsa)).when().post("/v2/keys").then().statusCode(201)
                .body("type", equalTo("ssh-rsa")).body("fingerprint", equalTo(fingerprint(rsa))).extract().path("id");
        as(token).when().delete("/v2/keys/" + rsaId).then().statusCode(204);
        as(token).when().delete("/v2/keys/" + rsaId).then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aKeyWhoseFingerprintHoldsTwoSlashesInARowIsRemovedByThatFingerprintThroughTheClient() throws Exception {
        // CI: "no key SHA256:eTyW/6ZyR0/85U... among yours": the server merged the path's "//" into one
        String token = register();
        String line = ed25519();
        while (!fingerprint(line).contains("//")) {
            line = ed25519();
        }
        String fingerprint = fingerprint(line);
        as(token).body(Map.of("key", line)).when().post("/v2/keys").then().statusCode(201);
        new ControllerClient(base.toString(), token).removeKey(fingerprint);
        as(token).when().get("/v2/keys").then().statusCode(200).body("", hasSize(0));
    }

    @Test
    void aKeyBelongsToOneUserOnlyAndNoAnswerSaysWhose() throws Exception {
        String alice = register();
        String bob = register();
        String line = ed25519();
        as(alice).body(Map.of("key", line + " alice")).when().post("/v2/keys").then().statusCode(201);
        as(alice).body(Map.of("key", line)).when().post("/v2/keys").then().statusCode(409)
                .body("detail", containsString("already added"));
        as(bob).body(Map.of("key", line + " bob")).when().post("/v2/keys").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", not(containsString(username(alice))));
        as(bob).when().get("/v2/keys").then().body("", hasSize(0));
        // nor may bob remove it, by fingerprint or id: it answers like a key that does not exist
        String id = as(alice).when().get("/v2/keys").then().extract().path("[0].id");
        as(bob).when().delete("/v2/keys/" + pathOf(fingerprint(line))).then().statusCode(404);
        as(bob).when().delete("/v2/keys/" + id).then().statusCode(404);
        as(alice).when().get("/v2/keys").then().body("", hasSize(1));
    }

    @Test
    void whatIsNotAPublicKeyIsRefusedWithAProblem() throws Exception {
        String token = register();
        Map<String, String> refused = new HashMap<>();
        refused.put("", "key is required");
        refused.put("garbage", "not an SSH public key");
        refused.put("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBad", "not an SSH public key");
        refused.put("ssh-ed25519 !!!notbase64!!!", "not an SSH public key");
        refused.put("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n",
                "private key");
        refused.put(rsa(1024), "at least 2048");
        refused.put(ed25519() + "\n" + ed25519(), "one key at a time");
        refused.put("command=\"sh\" " + ed25519(), "not an SSH public key");
        refused.put(ed25519() + " x".repeat(5000), "at most");
        for (Map.Entry<String, String> bad : refused.entrySet()) {
            as(token).body(Map.of("key", bad.getKey())).when().post("/v2/keys").then().statusCode(400)
                    .contentType("application/problem+json").body("detail", containsString(bad.getValue()));
        }
        as(token).body("{\"key\": 123}").when().post("/v2/keys").then().statusCode(400);
        as(token).body("{}").when().post("/v2/keys").then().statusCode(400);
        as(token).when().get("/v2/keys").then().body("", hasSize(0));
        given().when().get("/v2/keys").then().statusCode(401);
    }

    @Test
    void theBuilderAsksWhoseKeyItIsAndWhetherTheyMayPushWithTheSameRuleAsTokens() throws Exception {
        String alice = register();
        String bob = register();
        String app = createApp(alice, "keys");
        String line = ed25519();
        String fingerprint = fingerprint(line);
        as(alice).body(Map.of("key", line)).when().post("/v2/keys").then().statusCode(201);
        String bobKey = ed25519();
        as(bob).body(Map.of("key", bobKey)).when().post("/v2/keys").then().statusCode(201);

        builder().body(Map.of("keyFingerprint", fingerprint)).when().post("/v2/auth/check").then().statusCode(200)
                .body("username", equalTo(username(alice))).body("appId", nullValue());
        builder().body(Map.of("keyFingerprint", fingerprint, "app", app)).when().post("/v2/auth/check").then()
                .statusCode(200).body("username", equalTo(username(alice))).body("app", equalTo(app))
                .body("appId", equalTo(TestUsers.appId(alice, app)));
        // bob's key: the answer a token of bob's gets
        int tokenAnswer = builder().body(Map.of("app", app, "token", bob)).when().post("/v2/auth/check")
                .then().extract().statusCode();
        builder().body(Map.of("keyFingerprint", fingerprint(bobKey), "app", app)).when().post("/v2/auth/check")
                .then().statusCode(tokenAnswer);
        builder().body(Map.of("keyFingerprint", fingerprint(ed25519()), "app", app)).when().post("/v2/auth/check")
                .then().statusCode(401).body("detail", containsString("not registered"));
        // a collaborator's key may push, as the collaborator's token may
        as(alice).body(Map.of("username", username(bob))).when().post("/v2/apps/" + app + "/collaborators")
                .then().statusCode(201);
        builder().body(Map.of("keyFingerprint", fingerprint(bobKey), "app", app)).when().post("/v2/auth/check")
                .then().statusCode(200).body("username", equalTo(username(bob)));
        // a disabled user's key stops at once, and works again once the user is enabled
        String admin = TestUsers.admin();
        String aliceName = username(alice);
        as(admin).body(Map.of("disabled", true)).when().patch("/v2/users/" + aliceName).then().statusCode(200);
        builder().body(Map.of("keyFingerprint", fingerprint, "app", app)).when().post("/v2/auth/check")
                .then().statusCode(401);
        builder().body(Map.of("keyFingerprint", fingerprint)).when().post("/v2/auth/check").then().statusCode(401);
        as(admin).body(Map.of("disabled", false)).when().patch("/v2/users/" + aliceName).then().statusCode(200);
        builder().body(Map.of("keyFingerprint", fingerprint, "app", app)).when().post("/v2/auth/check")
                .then().statusCode(200);
        // users may not ask
        as(alice).body(Map.of("keyFingerprint", fingerprint, "app", app)).when().post("/v2/auth/check")
                .then().statusCode(401);

        as(alice).when().delete("/v2/keys/" + pathOf(fingerprint)).then().statusCode(204);
        builder().body(Map.of("keyFingerprint", fingerprint, "app", app)).when().post("/v2/auth/check")
                .then().statusCode(401);
    }

    @Test
    void infoAndAppsGiveTheSshRemote() {
        given().when().get("/v2/info").then().statusCode(200).body("sshUrl", equalTo("ssh://git@127.0.0.1:7102"));
        String token = register();
        String app = createApp(token, "sshurl");
        as(token).when().get("/v2/apps/" + app).then().statusCode(200)
                .body("app.sshUrl", equalTo("ssh://git@127.0.0.1:7102/" + app + ".git"))
                .body("app.gitUrl", endsWith("/" + app + ".git"));
    }

    /** A new ssh-ed25519 public key line, made with the JDK (its X.509 form ends with the 32 raw bytes). */
    static String ed25519() throws Exception {
        byte[] x509 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
        byte[] raw = Arrays.copyOfRange(x509, x509.length - 32, x509.length);
        return "ssh-ed25519 " + Base64.getEncoder().encodeToString(blob("ssh-ed25519", raw));
    }

    static String rsa(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        RSAPublicKey key = (RSAPublicKey) generator.generateKeyPair().getPublic();
        return "ssh-rsa " + Base64.getEncoder().encodeToString(
                blob("ssh-rsa", key.getPublicExponent().toByteArray(), key.getModulus().toByteArray()));
    }

    /** SHA256:base64 (no padding) of the key blob, as ssh-keygen -l prints it. */
    static String fingerprint(String line) throws Exception {
        byte[] blob = Base64.getDecoder().decode(line.split(" ")[1]);
        return "SHA256:" + Base64.getEncoder().withoutPadding()
                .encodeToString(MessageDigest.getInstance("SHA-256").digest(blob));
    }

    /** A fingerprint in the path as it is (its base64 may hold '/' and '+'); RestAssured escapes what needs it. */
    private static String pathOf(String fingerprint) {
        return fingerprint;
    }

    private static byte[] blob(String type, byte[]... parts) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        out.writeInt(name.length);
        out.write(name);
        for (byte[] part : parts) {
            out.writeInt(part.length);
            out.write(part);
        }
        return bytes.toByteArray();
    }

}
