package io.paas.controller.api;

import io.paas.controller.certs.CertificateService;
import io.paas.controller.routes.RouteMetaPublisher;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.createApp;
import static io.paas.controller.api.TestUsers.register;
import static io.paas.controller.api.TestUsers.router;
import static io.paas.controller.api.TestUsers.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** TLS certificates made with openssl, uploaded through the API, checked, and handed to routers. */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class CertsApiTest {
    private static final TestCerts CERTS = new TestCerts();

    @Inject
    DataSource dataSource;
    @Inject
    RouteMetaPublisher publisher;
    @Inject
    CertificateService certificates;

    private static Map<String, Object> upload(TestCerts.Pair pair, String name) {
        Map<String, Object> body = new HashMap<>();
        body.put("certPem", pair.certPem());
        body.put("keyPem", pair.keyPem());
        if (name != null) {
            body.put("name", name);
        }
        return body;
    }

    private static void addDomain(String token, String app, String domain) {
        as(token).body(Map.of("domain", domain)).when().post("/v2/apps/" + app + "/domains").then().statusCode(201);
    }

    private static String certsOf(String app) {
        return "certificates.findAll { it.name.startsWith('" + app + "/') }";
    }

    @Test
    void rsaCertificateIsServedForTheDomainsItCovers() {
        String token = register();
        String app = createApp(token, "tls-");
        String zone = unique("z") + ".example.com";
        addDomain(token, app, "www." + zone);
        addDomain(token, app, "api." + zone);
        addDomain(token, app, "other-" + zone);
        TestCerts.Pair pair = CERTS.selfSigned("rsa:2048", 90, "www." + zone, "*." + zone);

        as(token).body(upload(pair, null)).when().post("/v2/apps/" + app + "/certs")
                .then().statusCode(201)
                .body("name", equalTo("www-" + zone.replace('.', '-')))
                .body("hosts", equalTo(List.of("www." + zone, "*." + zone)))
                .body("domains", equalTo(List.of("api." + zone, "www." + zone)))
                .body("warnings", empty())
                .body("$", not(hasKey("keyPem")));
        as(token).when().get("/v2/apps/" + app + "/certs").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0]", not(hasKey("keyPem"))).body("[0]", not(hasKey("certPem")));
        as(token).when().get("/v2/apps/" + app + "/domains").then()
                .body("findAll { it.certificate != null }.domain", equalTo(List.of("api." + zone, "www." + zone)));

        String name = app + "/www-" + zone.replace('.', '-');
        router().when().get("/v2/routes").then().statusCode(200)
                .body(certsOf(app) + ".name", equalTo(List.of(name)))
                .body(certsOf(app) + "[0].hosts", equalTo(List.of("api." + zone, "www." + zone)))
                .body(certsOf(app) + "[0].keyPem", startsWith("-----BEGIN PRIVATE KEY-----"))
                .body(certsOf(app) + "[0].certPem", startsWith("-----BEGIN CERTIFICATE-----"));

        as(token).when().delete("/v2/apps/" + app + "/certs/www-" + zone.replace('.', '-')).then().statusCode(204);
        router().when().get("/v2/routes").then().body(certsOf(app), empty());
        as(token).when().delete("/v2/apps/" + app + "/certs/www-" + zone.replace('.', '-'))
                .then().statusCode(404).body("detail", containsString("no certificate"));
    }

    @Test
    void keyFormatsPkcs8Pkcs1AndSec1() {
        String token = register();
        String app = createApp(token, "keys-");
        TestCerts.Pair rsa = CERTS.selfSigned("rsa:2048", 90, unique("r") + ".example.net");
        String ecHost = unique("e") + ".example.net";
        TestCerts.Pair ec = CERTS.selfSigned("ec", 90, ecHost);
        String pkcs1 = CERTS.traditional(rsa.keyPem(), "rsa");
        String sec1 = CERTS.traditional(ec.keyPem(), "ec");
        org.junit.jupiter.api.Assertions.assertTrue(pkcs1.contains("BEGIN RSA PRIVATE KEY"), pkcs1);
        org.junit.jupiter.api.Assertions.assertTrue(sec1.contains("BEGIN EC PRIVATE KEY"), sec1);

        as(token).body(upload(rsa, "rsa-pkcs8")).when().post("/v2/apps/" + app + "/certs").then().statusCode(201);
        as(token).body(upload(new TestCerts.Pair(rsa.certPem(), pkcs1), "rsa-pkcs1"))
                .when().post("/v2/apps/" + app + "/certs").then().statusCode(201);
        as(token).body(upload(ec, "ec-pkcs8")).when().post("/v2/apps/" + app + "/certs").then().statusCode(201);
        as(token).body(upload(new TestCerts.Pair(rsa.certPem(), pkcs1), "rsa-pkcs1-again"))
                .when().post("/v2/apps/" + app + "/certs").then().statusCode(201)
                .body("warnings", hasItem(containsString("served for none of " + app + "'s domains")));
        addDomain(token, app, ecHost);
        as(token).body(upload(new TestCerts.Pair(ec.certPem(), sec1), "ec-sec1"))
                .when().post("/v2/apps/" + app + "/certs").then().statusCode(201)
                .body("domains", equalTo(List.of(ecHost)));
        // Routers get every key as PKCS#8, whatever form it was uploaded in.
        router().when().get("/v2/routes").then()
                .body(certsOf(app) + ".name", equalTo(List.of(app + "/ec-sec1")))
                .body(certsOf(app) + "[0].keyPem", startsWith("-----BEGIN PRIVATE KEY-----\n"));
        as(token).when().get("/v2/apps/" + app + "/certs").then()
                .body("name", equalTo(List.of("ec-pkcs8", "ec-sec1", "rsa-pkcs1", "rsa-pkcs1-again", "rsa-pkcs8")));
    }

    @Test
    void badUploadsSayWhatIsWrong() {
        String token = register();
        String app = createApp(token, "badtls-");
        TestCerts.Pair rsa = CERTS.selfSigned("rsa:2048", 90, unique("a") + ".example.net");
        TestCerts.Pair other = CERTS.selfSigned("rsa:2048", 90, unique("b") + ".example.net");
        TestCerts.Pair ec = CERTS.selfSigned("ec", 90, unique("c") + ".example.net");
        TestCerts.Pair expired = CERTS.expired(unique("old") + ".example.net");

        Map<TestCerts.Pair, String> cases = new java.util.LinkedHashMap<>();
        cases.put(new TestCerts.Pair(rsa.certPem(), other.keyPem()), "the key does not match the certificate");
        cases.put(new TestCerts.Pair(rsa.certPem(), ec.keyPem()), "the key does not match the certificate");
        cases.put(expired, "certificate expired on 2020-02-01T00:00:00Z");
        cases.put(new TestCerts.Pair("hello", rsa.keyPem()), "not a PEM certificate");
        cases.put(new TestCerts.Pair(rsa.keyPem(), rsa.certPem()), "not a PEM certificate: this is a private key (are CERT and KEY swapped?)");
        cases.put(new TestCerts.Pair("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", rsa.keyPem()),
                "not a PEM certificate: it does not parse as X.509");
        cases.put(new TestCerts.Pair(rsa.certPem(), "nope"), "not a PEM private key");
        cases.put(new TestCerts.Pair(rsa.certPem(), CERTS.encrypted(rsa.keyPem())), "the key is encrypted: decrypt it first");
        cases.forEach((pair, why) -> as(token).body(upload(pair, null)).when().post("/v2/apps/" + app + "/certs")
                .then().statusCode(400).contentType("application/problem+json").body("detail", startsWith(why)));
        as(token).body(upload(rsa, "Bad Name")).when().post("/v2/apps/" + app + "/certs")
                .then().statusCode(400).body("detail", containsString("invalid certificate name"));
        as(token).when().get("/v2/apps/" + app + "/certs").then().body("size()", equalTo(0));
    }

    @Test
    void expiringSoonIsAcceptedWithAWarningAndNamesMustBeUnique() {
        String token = register();
        String app = createApp(token, "soon-");
        String domain = unique("s") + ".example.net";
        addDomain(token, app, domain);
        TestCerts.Pair soon = CERTS.selfSigned("ec", 10, domain);
        as(token).body(upload(soon, "soon")).when().post("/v2/apps/" + app + "/certs")
                .then().statusCode(201).body("domains", equalTo(List.of(domain)))
                .body("warnings", hasSize(1)).body("warnings[0]", containsString("renew it soon"));
        as(token).body(upload(soon, "soon")).when().post("/v2/apps/" + app + "/certs")
                .then().statusCode(409).body("detail", containsString("certificate soon already exists"));

        // A later-expiring certificate for the same domain takes over; the first one serves nothing.
        TestCerts.Pair later = CERTS.selfSigned("rsa:2048", 200, domain);
        as(token).body(upload(later, "later")).when().post("/v2/apps/" + app + "/certs")
                .then().statusCode(201).body("domains", equalTo(List.of(domain)));
        as(token).when().get("/v2/apps/" + app + "/certs").then()
                .body("find { it.name == 'soon' }.domains", empty());
        router().when().get("/v2/routes").then().body(certsOf(app) + ".name", equalTo(List.of(app + "/later")));
    }

    @Test
    void strangersCannotSeeOrAddCertificates() {
        String owner = register();
        String app = createApp(owner, "mine-");
        String stranger = register();
        as(stranger).when().get("/v2/apps/" + app + "/certs").then().statusCode(404);
        as(stranger).body(upload(CERTS.selfSigned("ec", 90, unique("x") + ".example.net"), null))
                .when().post("/v2/apps/" + app + "/certs").then().statusCode(404).body("detail", containsString("no app named " + app));
    }

    @Test
    void chainInOrderIsAcceptedAndRoutersGetItWhole() {
        String token = register();
        String app = createApp(token, "chain-");
        String host = unique("c") + ".example.org";
        addDomain(token, app, host);
        TestCerts.Chain chain = CERTS.chain(host);

        as(token).body(upload(new TestCerts.Pair(chain.leafPem() + chain.intermediatePem(), chain.keyPem()), "with-int"))
                .when().post("/v2/apps/" + app + "/certs").then().statusCode(201).body("domains", equalTo(List.of(host)));
        // A root at the end is accepted too, though routers need not send it.
        as(token).body(upload(new TestCerts.Pair(chain.leafPem() + chain.intermediatePem() + chain.rootPem(),
                        chain.keyPem()), "a-with-root"))
                .when().post("/v2/apps/" + app + "/certs").then().statusCode(201);
        // A leaf alone (its issuer not uploaded) stays accepted, as a self-signed one does.
        as(token).body(upload(new TestCerts.Pair(chain.leafPem(), chain.keyPem()), "leaf-only"))
                .when().post("/v2/apps/" + app + "/certs").then().statusCode(201);
        // Of the three (same expiry), the last by name is served: the leaf with its intermediate.
        String served = router().when().get("/v2/routes").then().statusCode(200)
                .extract().path(certsOf(app) + "[0].certPem");
        assertEquals(2, served.split("-----BEGIN CERTIFICATE-----", -1).length - 1, served);
    }

    @Test
    void chainsOutOfOrderOrWithUnrelatedCertificatesAreRefused() {
        String token = register();
        String app = createApp(token, "badchain-");
        String host = unique("b") + ".example.org";
        TestCerts.Chain chain = CERTS.chain(host);
        TestCerts.Chain other = CERTS.chain(unique("o") + ".example.org");

        Map<String, String> cases = new java.util.LinkedHashMap<>();
        cases.put(chain.intermediatePem() + chain.leafPem(), "the certificate chain is out of order: certificate 2");
        cases.put(chain.leafPem() + chain.rootPem() + chain.intermediatePem(),
                "the certificate chain is out of order: certificate 2 (CN=Test Root");
        cases.put(chain.leafPem() + other.intermediatePem(),
                "the certificate chain holds an unrelated certificate: certificate 2 (CN=Test Intermediate");
        cases.put(chain.leafPem() + chain.intermediatePem() + other.rootPem(),
                "the certificate chain holds an unrelated certificate: certificate 3 (CN=Test Root");
        cases.forEach((certPem, why) -> as(token).body(upload(new TestCerts.Pair(certPem, chain.keyPem()), null))
                .when().post("/v2/apps/" + app + "/certs")
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", containsString("validation_error")).body("detail", startsWith(why)));
        as(token).when().get("/v2/apps/" + app + "/certs").then().body("size()", equalTo(0));
    }

    @Test
    void keysAreEncryptedInTheDatabaseAndRoutersGetThemInClear() throws Exception {
        String token = register();
        String app = createApp(token, "sealed-");
        String host = unique("k") + ".example.org";
        addDomain(token, app, host);
        TestCerts.Pair pair = CERTS.selfSigned("ec", 90, host);
        as(token).body(upload(pair, "sealed")).when().post("/v2/apps/" + app + "/certs").then().statusCode(201);

        String stored = storedKey(app, "sealed");
        assertTrue(stored.startsWith("v1:"), stored);
        assertFalse(stored.contains("PRIVATE KEY"), stored);
        router().when().get("/v2/routes").then().body(certsOf(app) + "[0].keyPem", equalTo(pair.keyPem()));

        Path keyFile = Path.of(ConfigProvider.getConfig().getValue("paas.home", String.class), "secrets/cert-key");
        assertEquals(32, Files.size(keyFile));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
    }

    @Test
    void clearTextKeysStoredBeforeEncryptionStillServeAndGetEncrypted() throws Exception {
        String token = register();
        String app = createApp(token, "legacy-");
        String host = unique("l") + ".example.org";
        addDomain(token, app, host);
        TestCerts.Pair pair = CERTS.selfSigned("rsa:2048", 90, host);
        // A row as the controller wrote it before keys were encrypted.
        try (Connection db = dataSource.getConnection();
             PreparedStatement insert = db.prepareStatement("INSERT INTO certificates (app_id, name, hosts, cert_pem, "
                     + "key_pem, expires_at) SELECT id, 'old', ?, ?, ?, now() + interval '90 days' FROM apps WHERE name = ?")) {
            insert.setString(1, host);
            insert.setString(2, pair.certPem());
            insert.setString(3, pair.keyPem());
            insert.setString(4, app);
            assertEquals(1, insert.executeUpdate());
        }
        publisher.refresh(app);
        router().when().get("/v2/routes").then().body(certsOf(app) + "[0].keyPem", equalTo(pair.keyPem()));

        // What the controller does at start.
        assertTrue(QuarkusTransaction.requiringNew().call(certificates::sealLegacyKeys) >= 1);
        String stored = storedKey(app, "old");
        assertTrue(stored.startsWith("v1:") && !stored.contains("PRIVATE KEY"), stored);
        publisher.refresh(app);
        router().when().get("/v2/routes").then().body(certsOf(app) + "[0].keyPem", equalTo(pair.keyPem()));
    }

    private String storedKey(String app, String cert) throws Exception {
        try (Connection db = dataSource.getConnection();
             PreparedStatement select = db.prepareStatement("SELECT c.key_pem FROM certificates c JOIN apps a "
                     + "ON a.id = c.app_id WHERE a.name = ? AND c.name = ?")) {
            select.setString(1, app);
            select.setString(2, cert);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), "no certificate " + cert + " on " + app);
                return row.getString(1);
            }
        }
    }
}
