package io.paas.controller.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.createApp;
import static io.paas.controller.api.TestUsers.register;
import static io.paas.controller.api.TestUsers.builder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * The buildpacks an app names: stored in order, read by the builder, and refused when a build could
 * not or must not use them (unknown names, file://, paths, loopback, link-local, the platform's ports).
 */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class BuildpacksApiTest {

    private static String path(String app) {
        return "/v2/apps/" + app + "/buildpacks";
    }

    @Test
    void setInOrderReadByTheBuilderAndCleared() {
        String token = register();
        String app = createApp(token, "bp-");
        as(token).when().get(path(app)).then().statusCode(200).body("size()", equalTo(0));

        List<String> list = List.of("https://192.0.2.10/tools/bp.git#v1", "heroku/nodejs", "static");
        as(token).body(Map.of("buildpacks", list)).when().put(path(app))
                .then().statusCode(200).body("url", equalTo(list)).body("index", equalTo(List.of(1, 2, 3)));
        builder().when().get(path(app)).then().statusCode(200).body("url", equalTo(list));
        // no release: the next push uses them
        as(token).when().get("/v2/apps/" + app + "/releases").then().body("size()", equalTo(1));

        as(token).body(Map.of("buildpacks", List.of())).when().put(path(app)).then().statusCode(200)
                .body("size()", equalTo(0));
        as(token).when().get(path(app)).then().body("size()", equalTo(0));
    }

    @Test
    void onlyItsUsersSeeOrChangeThem() {
        String owner = register();
        String app = createApp(owner, "bp-");
        String other = register();
        as(other).when().get(path(app)).then().statusCode(404);
        as(other).body(Map.of("buildpacks", List.of("go"))).when().put(path(app)).then().statusCode(404);
        builder().body(Map.of("buildpacks", List.of("go"))).when().put(path(app)).then().statusCode(401);
    }

    @Test
    void refusalsSayWhyAndChangeNothing() {
        String token = register();
        String app = createApp(token, "bp-");
        as(token).body(Map.of("buildpacks", List.of("go"))).when().put(path(app)).then().statusCode(200);

        refused(token, app, "ruby", "no built-in buildpack ruby (built in: nodejs, go, python, java, static");
        refused(token, app, "file:///srv/buildpacks/mine.tgz", "file:// URLs would read the platform's own files");
        refused(token, app, "/srv/buildpacks/mine", "is a path on the platform's machine");
        refused(token, app, "git@github.com:me/bp.git", "ssh address");
        refused(token, app, "ftp://example.com/bp.tgz", "ftp: is not http or https");
        refused(token, app, "http://127.0.0.1:7100/v2/apps", "127.0.0.1 is a loopback address, which builds may not reach");
        refused(token, app, "http://localhost/bp.git", "localhost (127.0.0.1) is a loopback address");
        refused(token, app, "http://[::1]:8080/bp.git", "::1 is a loopback address");
        refused(token, app, "http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address");
        // 127.0.0.2 is allowed by the operator (PAAS_BUILDPACK_ALLOWED_HOSTS), but not on the platform's ports
        refused(token, app, "http://127.0.0.2:7150/v2/", "port 7150 is one of the platform's own ports");
        refused(token, app, "http://127.0.0.2:7100/bp.tgz", "port 7100 is one of the platform's own ports");
        as(token).body(Map.of("buildpacks", List.of("nodejs", "heroku/nodejs"))).when().put(path(app))
                .then().statusCode(400).body("detail", equalTo("buildpack heroku/nodejs is in the list twice"));
        as(token).body(Map.of("buildpacks", List.of("go", "go", "go", "go", "go", "go", "go"))).when().put(path(app))
                .then().statusCode(400).body("detail", containsString("at most 6 buildpacks"));
        as(token).when().get(path(app)).then().body("url", equalTo(List.of("go")));

        as(token).body(Map.of("buildpacks", List.of("http://127.0.0.2:8080/bp.git"))).when().put(path(app))
                .then().statusCode(200).body("url", equalTo(List.of("http://127.0.0.2:8080/bp.git")));
    }

    private static void refused(String token, String app, String buildpack, String why) {
        as(token).body(Map.of("buildpacks", List.of("static", buildpack))).when().put(path(app))
                .then().statusCode(400).body("type", equalTo("validation_error")).body("detail", containsString(why));
    }
}
