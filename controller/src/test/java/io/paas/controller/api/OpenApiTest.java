package io.paas.controller.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API's OpenAPI document, served by the controller, describes every route it has. */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class OpenApiTest {

    private static JsonNode document() throws Exception {
        String json = given().accept("application/json").when().get("/v2/openapi")
                .then().statusCode(200).contentType(containsString("json")).extract().asString();
        return new ObjectMapper().readTree(json);
    }

    @Test
    void everyRouteIsInTheDocumentWithItsSecurity() throws Exception {
        JsonNode paths = document().path("paths");
        List<String> missing = new ArrayList<>();
        List<String> wrongSecurity = new ArrayList<>();
        List<Routes.Route> routes = Routes.all();
        for (Routes.Route route : routes) {
            JsonNode operation = paths.path(route.path()).path(route.method().toLowerCase(Locale.ROOT));
            if (operation.isMissingNode()) {
                missing.add(route.toString());
                continue;
            }
            boolean bearer = operation.path("security").toString().contains("\"" + AuthResource.BEARER + "\"");
            if (bearer != route.readsToken()) {
                wrongSecurity.add(route + (route.readsToken() ? " takes a token but does not say so" : " says it needs a token"));
            }
        }
        assertEquals(List.of(), missing, "routes missing from GET /v2/openapi");
        assertEquals(List.of(), wrongSecurity);
        // The enumeration is not vacuous: it found the routes anyone knows of, the public ones among them.
        List<String> found = routes.stream().map(Routes.Route::toString).toList();
        for (String known : List.of("GET /v2/info", "POST /v2/auth/login", "PATCH /v2/apps/{app}/config",
                "GET /v2/apps/{app}/releases/{version}", "GET /v2/routes/stream", "DELETE /v2/apps/{app}")) {
            assertTrue(found.contains(known), known + " not among " + found);
        }
        assertTrue(routes.stream().anyMatch(r -> !r.readsToken()) && routes.stream().anyMatch(Routes.Route::readsToken));
    }

    @Test
    void documentDeclaresTheBearerSchemeAndNamesOperations() throws Exception {
        JsonNode document = document();
        assertTrue(document.path("openapi").asText().startsWith("3."), document.path("openapi").asText());
        JsonNode scheme = document.path("components").path("securitySchemes").path(AuthResource.BEARER);
        assertEquals("http", scheme.path("type").asText());
        assertEquals("bearer", scheme.path("scheme").asText());
        List<String> unnamed = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(op -> {
            JsonNode operation = op.getValue();
            String tags = operation.path("tags").toString();
            // a tag Quarkus makes from a class name ("Apps Resource") says nothing a user needs
            if (operation.path("summary").asText().isBlank() || tags.equals("") || tags.contains("Resource")) {
                unnamed.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey() + " " + tags);
            }
            assertTrue(!operation.path("parameters").toString().contains("\"Authorization\""),
                    "the token is a security scheme, not a parameter: " + path.getKey());
        }));
        assertEquals(List.of(), unnamed, "operations without a summary or a tag of their own (@Operation, @Tag)");
    }

    @Test
    void yamlByDefaultAndNoSwaggerUi() {
        given().when().get("/v2/openapi").then().statusCode(200)
                .body(startsWith("---"), containsString("/v2/apps/{app}/config:"));
        given().when().get("/q/swagger-ui").then().statusCode(404);
    }
}
