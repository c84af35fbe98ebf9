package io.paas.controller.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** The controller API against a real PostgreSQL: what a CLI user or the builder sees. */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class ApiTest {

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 6);
    }

    private static String register(String username) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "s3cret-pass"))
                .when().post("/v2/auth/register")
                .then().statusCode(201).body("username", equalTo(username)).body("token", notNullValue())
                .extract().path("token");
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    @Test
    void jsonOfTheWrongTypeIsRefusedNotCoerced() {
        String token = register(unique("typ"));
        given().header("Authorization", bearer(token)).contentType(ContentType.JSON).body("{\"name\": 123}")
                .when().post("/v2/apps").then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("name must be a string"));
        given().header("Authorization", bearer(token)).contentType(ContentType.JSON).body("{\"apps\": \"3\"}")
                .when().put("/v2/users/nobody/quota").then().statusCode(400).body("detail", equalTo("apps must be a whole number"));
        given().header("Authorization", bearer(token)).contentType(ContentType.JSON).body("{\"name\": ")
                .when().post("/v2/apps").then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("the request body is not valid JSON"));
        given().header("Authorization", bearer(token)).contentType(ContentType.JSON).body("{\"name\": \"a\\u0000b\"}")
                .when().post("/v2/apps").then().statusCode(400).body("detail", equalTo("name contains a NUL byte"));
        given().header("Authorization", bearer(token)).urlEncodingEnabled(false).when().get("/v2/apps/a%00b").then().statusCode(400)
                .contentType("application/problem+json");
        assertTrue(tooBigBody(token).startsWith("HTTP/1.1 413"), "a body over 10 MB is refused before it is read");
        given().header("Authorization", bearer(token)).when().get("/v2/apps").then().statusCode(200)
                .body("name", org.hamcrest.Matchers.empty());
    }

    /** Declares an 11 MB body and sends none of it: the answer must come from the length alone. */
    private static String tooBigBody(String token) {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /v2/apps HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + 11 * 1024 * 1024 + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            byte[] start = socket.getInputStream().readNBytes(12);
            return new String(start, java.nio.charset.StandardCharsets.US_ASCII);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void infoIsPublic() {
        given().when().get("/v2/info").then().statusCode(200)
                .body("domain", equalTo("localhost"))
                .body("builderUrl", equalTo(PlatformResource.TEST_BUILDER_URL));
    }

    @Test
    void registerLoginWhoami() {
        String name = unique("alice");
        register(name);
        String token = given().contentType(ContentType.JSON)
                .body(Map.of("username", name, "password", "s3cret-pass"))
                .when().post("/v2/auth/login").then().statusCode(200).extract().path("token");
        given().header("Authorization", bearer(token)).when().get("/v2/auth/whoami")
                .then().statusCode(200).body("username", equalTo(name));
    }

    @Test
    void wrongPasswordIsRefusedWithProblem() {
        String name = unique("bob");
        register(name);
        given().contentType(ContentType.JSON).body(Map.of("username", name, "password", "wrong-password"))
                .when().post("/v2/auth/login")
                .then().statusCode(401).contentType("application/problem+json")
                .body("detail", equalTo("wrong username or password"));
    }

    @Test
    void duplicateUserAndShortPasswordAreRefused() {
        String name = unique("carol");
        register(name);
        given().contentType(ContentType.JSON).body(Map.of("username", name, "password", "another-pass"))
                .when().post("/v2/auth/register").then().statusCode(409);
        given().contentType(ContentType.JSON).body(Map.of("username", unique("dan"), "password", "short"))
                .when().post("/v2/auth/register").then().statusCode(400)
                .body("detail", containsString("at least 8"));
    }

    @Test
    void noTokenIsUnauthorized() {
        given().when().get("/v2/apps").then().statusCode(401).body("detail", containsString("paas login"));
        given().header("Authorization", "Bearer nope").when().get("/v2/apps").then().statusCode(401);
    }

    @Test
    void createListAndRefuseBadNames() {
        String token = register(unique("erin"));
        String app = unique("web-");
        given().header("Authorization", bearer(token)).contentType(ContentType.JSON).body(Map.of("name", app))
                .when().post("/v2/apps")
                .then().statusCode(201).body("name", equalTo(app))
                .body("url", equalTo("http://" + app + ".localhost:7180"))
                .body("gitUrl", equalTo(PlatformResource.TEST_BUILDER_URL + "/" + app + ".git"))
                .body("id", matchesPattern("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"));
        given().header("Authorization", bearer(token)).when().get("/v2/apps")
                .then().statusCode(200).body("name", hasItem(app));
        given().header("Authorization", bearer(token)).contentType(ContentType.JSON).body(Map.of("name", app))
                .when().post("/v2/apps").then().statusCode(409).body("detail", containsString("already exists"));
        for (String bad : new String[] {"Bad_Name", "9lives", "a", "ends-", "x".repeat(31)}) {
            given().header("Authorization", bearer(token)).contentType(ContentType.JSON).body(Map.of("name", bad))
                    .when().post("/v2/apps").then().statusCode(400).body("detail", containsString("invalid app name"));
        }
        given().header("Authorization", bearer(token)).when().get("/v2/apps")
                .then().body("name", not(hasItem("Bad_Name")));
    }

    @Test
    void createdAppSaysWhenItWasCreated() {
        String token = register(unique("hal"));
        String app = unique("new-");
        String created = given().header("Authorization", bearer(token)).contentType(ContentType.JSON).body(Map.of("name", app))
                .when().post("/v2/apps")
                .then().statusCode(201).body("createdAt", notNullValue())
                .extract().path("createdAt");
        given().header("Authorization", bearer(token)).when().get("/v2/apps/" + app)
                .then().statusCode(200).body("app.createdAt", equalTo(created));
    }

    @Test
    void otherUsersAppAnswersAsIfItDidNotExist() {
        String owner = register(unique("fay"));
        String app = unique("own-");
        given().header("Authorization", bearer(owner)).contentType(ContentType.JSON).body(Map.of("name", app))
                .when().post("/v2/apps").then().statusCode(201);
        String stranger = register(unique("gus"));
        given().header("Authorization", bearer(stranger)).when().get("/v2/apps/" + app + "/config")
                .then().statusCode(404);
        given().header("Authorization", bearer(stranger)).when().get("/v2/apps/nosuchapp-" + app + "/config")
                .then().statusCode(404);
    }

    @Test
    void configChangesMakeReleases() {
        String user = unique("hal");
        String token = register(user);
        String app = unique("cfg-");
        given().header("Authorization", bearer(token)).contentType(ContentType.JSON).body(Map.of("name", app))
                .when().post("/v2/apps").then().statusCode(201);
        given().header("Authorization", bearer(token)).contentType(ContentType.JSON)
                .body(Map.of("values", Map.of("GREETING", "hi", "COLOR", "blue")))
                .when().patch("/v2/apps/" + app + "/config")
                .then().statusCode(200).body("version", equalTo(2))
                .body("summary", equalTo(user + " set COLOR, GREETING"));
        java.util.HashMap<String, Object> unset = new java.util.HashMap<>();
        unset.put("COLOR", null);
        given().header("Authorization", bearer(token)).contentType(ContentType.JSON).body(Map.of("values", unset))
                .when().patch("/v2/apps/" + app + "/config").then().statusCode(200).body("version", equalTo(3));
        given().header("Authorization", bearer(token)).when().get("/v2/apps/" + app + "/config")
                .then().statusCode(200).body("values", equalTo(Map.of("GREETING", "hi")));
        given().header("Authorization", bearer(token)).when().get("/v2/apps/" + app + "/releases")
                .then().statusCode(200).body("version", contains(3, 2, 1))
                .body("summary[2]", equalTo("Initial release"));
        // A bad key changes nothing.
        given().header("Authorization", bearer(token)).contentType(ContentType.JSON)
                .body(Map.of("values", Map.of("BAD-KEY", "x")))
                .when().patch("/v2/apps/" + app + "/config").then().statusCode(400);
        given().header("Authorization", bearer(token)).when().get("/v2/apps/" + app + "/releases")
                .then().body("version", contains(3, 2, 1));
    }

    /**
     * Config no process environment can hold is refused at once with the limit named: before, a NUL
     * byte or 3 MB was stored and the release made from it failed at container start.
     */
    @Test
    void configThatNoEnvironmentCanHoldIsRefusedAtOnce() {
        String token = register(unique("nul"));
        String app = unique("cfg-");
        given().header("Authorization", bearer(token)).contentType(ContentType.JSON).body(Map.of("name", app))
                .when().post("/v2/apps").then().statusCode(201);
        given().header("Authorization", bearer(token)).contentType(ContentType.JSON)
                .body(Map.of("values", Map.of("GREETING", "a\u0000b")))
                .when().patch("/v2/apps/" + app + "/config").then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("GREETING contains a NUL byte"));
        given().header("Authorization", bearer(token)).contentType(ContentType.JSON)
                .body(Map.of("values", Map.of("BIG", "x".repeat(3 * 1024 * 1024))))
                .when().patch("/v2/apps/" + app + "/config").then().statusCode(400)
                .body("detail", containsString("over the limit of 32768 bytes"));
        // up to the limit is fine: 32 KB of names and values together
        given().header("Authorization", bearer(token)).contentType(ContentType.JSON)
                .body(Map.of("values", Map.of("A", "x".repeat(32 * 1024 - 1))))
                .when().patch("/v2/apps/" + app + "/config").then().statusCode(200);
        given().header("Authorization", bearer(token)).contentType(ContentType.JSON)
                .body(Map.of("values", Map.of("B", "y")))
                .when().patch("/v2/apps/" + app + "/config").then().statusCode(400);
        given().header("Authorization", bearer(token)).when().get("/v2/apps/" + app + "/releases")
                .then().body("version", contains(2, 1));
    }

    @Test
    void scalingUnknownProcessTypeIsRefused() {
        String token = register(unique("ivy"));
        String app = unique("scl-");
        given().header("Authorization", bearer(token)).contentType(ContentType.JSON).body(Map.of("name", app))
                .when().post("/v2/apps").then().statusCode(201);
        given().header("Authorization", bearer(token)).contentType(ContentType.JSON).body(Map.of("worker", 2))
                .when().patch("/v2/apps/" + app + "/formation")
                .then().statusCode(422).body("detail", containsString("no process type 'worker'"));
        given().header("Authorization", bearer(token)).when().get("/v2/apps/" + app + "/formation")
                .then().statusCode(200).body("size()", equalTo(0));
    }

    @Test
    void serviceCallsNeedTheServiceToken() {
        String user = unique("jan");
        String token = register(user);
        String app = unique("svc-");
        given().header("Authorization", bearer(token)).contentType(ContentType.JSON).body(Map.of("name", app))
                .when().post("/v2/apps").then().statusCode(201);
        given().header("Authorization", bearer(token)).contentType(ContentType.JSON)
                .body(Map.of("app", app, "username", user, "token", token))
                .when().post("/v2/auth/check").then().statusCode(401);
        given().header("Authorization", bearer(PlatformResource.BUILDER_TOKEN)).contentType(ContentType.JSON)
                .body(Map.of("app", app, "username", user, "token", token))
                .when().post("/v2/auth/check").then().statusCode(200).body("username", equalTo(user));
        given().header("Authorization", bearer(PlatformResource.BUILDER_TOKEN)).contentType(ContentType.JSON)
                .body(Map.of("app", app, "username", user, "token", "wrong"))
                .when().post("/v2/auth/check").then().statusCode(401);
        String other = register(unique("kim"));
        given().header("Authorization", bearer(PlatformResource.BUILDER_TOKEN)).contentType(ContentType.JSON)
                .body(Map.of("app", app, "username", "", "token", other))
                .when().post("/v2/auth/check").then().statusCode(404)
                .body("detail", equalTo("no app named " + app + ": see paas apps"));
        given().header("Authorization", bearer(PlatformResource.ROUTER_TOKEN)).when().get("/v2/routes")
                .then().statusCode(200).body("routes.host", hasItem(app + ".localhost"));
        // Each service's token has only that service's rights.
        given().header("Authorization", bearer(PlatformResource.BUILDER_TOKEN)).when().get("/v2/routes")
                .then().statusCode(403).body("detail", equalTo("the builder's token may not do this"));
        given().header("Authorization", bearer(PlatformResource.ROUTER_TOKEN)).contentType(ContentType.JSON)
                .body(Map.of("app", app, "username", user, "token", token))
                .when().post("/v2/auth/check").then().statusCode(403);
    }

    @Test
    void routersAcknowledgeGenerations() {
        given().header("Authorization", bearer(PlatformResource.ROUTER_TOKEN)).contentType(ContentType.JSON)
                .body(Map.of("router", "router-a", "generation", 7))
                .when().post("/v2/routes/ack").then().statusCode(204);
        given().header("Authorization", bearer(PlatformResource.ROUTER_TOKEN)).contentType(ContentType.JSON)
                .body(Map.of("generation", 7))
                .when().post("/v2/routes/ack").then().statusCode(400);
        given().header("Authorization", bearer(register(unique("lou")))).contentType(ContentType.JSON)
                .body(Map.of("router", "router-a", "generation", 8))
                .when().post("/v2/routes/ack").then().statusCode(401);
    }
}
