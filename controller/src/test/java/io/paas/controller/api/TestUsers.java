package io.paas.controller.api;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Registers users and creates apps through the API, for the API tests. */
final class TestUsers {
    private TestUsers() {
    }

    static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 6);
    }

    /** A new user's API token. */
    static String register() {
        return register(unique("u"));
    }

    /** A new user of that name's API token (password s3cret-pass). */
    static String register(String username) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", "s3cret-pass"))
                .when().post("/v2/auth/register").then().statusCode(201).extract().path("token");
    }

    /** A new user's token, made a platform admin (the suite's first user is not known to be one). */
    static String admin() {
        String token = register();
        String name = username(token);
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() ->
                io.paas.controller.users.User.<io.paas.controller.users.User>byName(name).orElseThrow().admin = true);
        return token;
    }

    /** A new app owned by the token's user. */
    static String createApp(String token, String prefix) {
        String app = unique(prefix);
        as(token).body(Map.of("name", app)).when().post("/v2/apps").then().statusCode(201);
        return app;
    }

    static String username(String token) {
        return as(token).when().get("/v2/auth/whoami").then().statusCode(200).extract().path("username");
    }

    /** The app's id, which the builder keys its stores and builds by. */
    static String appId(String token, String app) {
        return as(token).when().get("/v2/apps/" + app).then().statusCode(200).extract().path("app.id");
    }

    /**
     * The builder's call after the token's user pushed: a build of image with one web command, for the
     * app's current id, deployed before the answer.
     */
    static ValidatableResponse build(String token, String app, String image, String web) {
        return builder().body(Map.of("appId", appId(token, app), "sha", Long.toHexString(System.nanoTime()) + "abcdef",
                        "username", username(token), "image", image, "processTypes", Map.of("web", web)))
                .when().post("/v2/apps/" + app + "/builds").then();
    }

    /** The page web.1 of the newest running release serves (its container, reached directly). */
    static String page(String token, String app) throws Exception {
        List<Map<String, Object>> processes = as(token).when().get("/v2/apps/" + app).then().statusCode(200)
                .extract().path("processes");
        Map<String, Object> web = processes.stream().filter(p -> "running".equals(p.get("state")))
                .max((a, b) -> Integer.compare((Integer) a.get("release"), (Integer) b.get("release"))).orElseThrow();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://" + web.get("endpoint") + "/")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode());
        return answer.body().strip();
    }

    static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON);
    }

    static RequestSpecification builder() {
        return as(PlatformResource.BUILDER_TOKEN);
    }

    static RequestSpecification router() {
        return as(PlatformResource.ROUTER_TOKEN);
    }
}
