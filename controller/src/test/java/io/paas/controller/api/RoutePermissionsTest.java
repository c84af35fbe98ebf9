package io.paas.controller.api;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import static io.paas.controller.api.TestUsers.admin;
import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.createApp;
import static io.paas.controller.api.TestUsers.register;
import static io.paas.controller.api.TestUsers.unique;
import static io.paas.controller.api.TestUsers.username;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every route of the API (found from the application, {@link Routes}), called by every kind of caller
 * against a personal app, a team's app and an app whose name was used before by someone else: who is
 * refused (and with which status: 401, 403 or 404 as for an app that does not exist) and who gets through.
 * A route added without a rule here fails the test.
 */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class RoutePermissionsTest {
    /** What a route needs. */
    enum Rule {
        PUBLIC, USER, ADMIN, DEPLOY, MANAGE, DEPLOY_OR_BUILDER, BUILDER, ROUTER, TEAM_MEMBER, TEAM_ADMIN, SELF_OR_ADMIN,
        /** A web console page anyone may load. */
        CONSOLE_PUBLIC,
        /** The console's sign-in form: refused (403) without the form's own CSRF token, whatever the caller. */
        CONSOLE_SIGN_IN,
        /**
         * A console page or form for a signed-in browser: every caller here is sent to sign in (303), an API
         * token being no console session. What a signed-in user may then do is the API's rule: the console
         * calls the API's resource methods with the session's token (ConsoleApiTest checks the 404s).
         */
        CONSOLE_SESSION
    }

    private static final Map<String, Rule> RULES = new LinkedHashMap<>();

    static {
        rule(Rule.PUBLIC, "GET /v2/info", "POST /v2/auth/register", "POST /v2/auth/login", "GET /v2/openapi");
        rule(Rule.USER, "GET /v2/auth/whoami", "POST /v2/auth/tokens", "GET /v2/auth/tokens", "DELETE /v2/auth/tokens/{id}",
                "POST /v2/auth/password", "GET /v2/apps", "POST /v2/apps", "GET /v2/teams", "POST /v2/teams",
                "GET /v2/keys", "POST /v2/keys", "DELETE /v2/keys/{key}");
        rule(Rule.ADMIN, "GET /v2/users", "PATCH /v2/users/{user}", "DELETE /v2/users/{user}", "PUT /v2/users/{user}/quota",
                "GET /v2/admin/registration", "PUT /v2/admin/registration", "GET /v2/admin/disk", "PUT /v2/teams/{team}/quota",
                "GET /v2/audit");
        rule(Rule.SELF_OR_ADMIN, "GET /v2/users/{user}/quota");
        rule(Rule.ADMIN, "PUT /v2/users/{user}/password");
        rule(Rule.DEPLOY_OR_BUILDER, "GET /v2/apps/{app}/config/{key}");
        rule(Rule.BUILDER, "POST /v2/auth/check", "GET /v2/app-ids", "POST /v2/images/check",
                "POST /v2/apps/{app}/builds", "POST /v2/apps/{app}/builds/failed",
                "PUT /v2/apps/{app}/builds/{id}/output");
        rule(Rule.ROUTER, "GET /v2/routes", "GET /v2/routes/stream", "POST /v2/routes/ack", "POST /v2/routes/logs");
        rule(Rule.TEAM_MEMBER, "GET /v2/teams/{team}/members", "GET /v2/teams/{team}/quota");
        rule(Rule.TEAM_ADMIN, "DELETE /v2/teams/{team}", "PUT /v2/teams/{team}/members/{user}",
                "DELETE /v2/teams/{team}/members/{user}");
        rule(Rule.MANAGE, "DELETE /v2/apps/{app}", "POST /v2/apps/{app}/transfer", "POST /v2/apps/{app}/collaborators",
                "DELETE /v2/apps/{app}/collaborators/{user}");
        rule(Rule.DEPLOY_OR_BUILDER, "GET /v2/apps/{app}/config", "GET /v2/apps/{app}/buildpacks", "GET /v2/apps/{app}/stack",
                "GET /v2/apps/{app}/docker-options");
        rule(Rule.DEPLOY, "GET /v2/apps/{app}/drains", "POST /v2/apps/{app}/drains", "DELETE /v2/apps/{app}/drains/{drain}");
        rule(Rule.DEPLOY, "GET /v2/apps/{app}", "DELETE /v2/apps/{app}/build-cache", "PUT /v2/apps/{app}/buildpacks",
                "GET /v2/apps/{app}/builds", "GET /v2/apps/{app}/builds/{id}", "GET /v2/apps/{app}/certs",
                "GET /v2/apps/{app}/logs", "GET /v2/apps/{app}/metrics", "POST /v2/apps/{app}/runs", "DELETE /v2/apps/{app}/runs/{process}",
                "GET /v2/apps/{app}/audit",
                "POST /v2/apps/{app}/certs", "DELETE /v2/apps/{app}/certs/{name}", "GET /v2/apps/{app}/acm",
                "POST /v2/apps/{app}/acm", "DELETE /v2/apps/{app}/acm", "GET /v2/apps/{app}/collaborators",
                "PATCH /v2/apps/{app}/config", "PUT /v2/apps/{app}/docker-options", "GET /v2/apps/{app}/domains",
                "POST /v2/apps/{app}/domains", "DELETE /v2/apps/{app}/domains/{domain}", "GET /v2/apps/{app}/formation",
                "PATCH /v2/apps/{app}/formation", "GET /v2/apps/{app}/healthchecks", "PATCH /v2/apps/{app}/healthchecks",
                "POST /v2/apps/{app}/images", "GET /v2/apps/{app}/limits", "PATCH /v2/apps/{app}/limits",
                "GET /v2/apps/{app}/ports", "PUT /v2/apps/{app}/ports", "DELETE /v2/apps/{app}/ports",
                "GET /v2/apps/{app}/ps", "POST /v2/apps/{app}/ps/restart", "GET /v2/apps/{app}/registry-logins",
                "PUT /v2/apps/{app}/registry-logins/{host}", "DELETE /v2/apps/{app}/registry-logins/{host}",
                "GET /v2/apps/{app}/releases", "GET /v2/apps/{app}/releases/{version}", "GET /v2/apps/{app}/releases/rollback",
                "POST /v2/apps/{app}/releases/rollback", "GET /v2/apps/{app}/router", "PATCH /v2/apps/{app}/router",
                "POST /v2/apps/{app}/router/allowlist", "DELETE /v2/apps/{app}/router/allowlist", "PUT /v2/apps/{app}/stack");
        rule(Rule.CONSOLE_PUBLIC, "GET /console/sign-in", "GET /console/console.css");
        rule(Rule.CONSOLE_PUBLIC, "GET /console/logs.js");
        rule(Rule.CONSOLE_SIGN_IN, "POST /console/sign-in");
        rule(Rule.CONSOLE_SESSION, "GET /console", "POST /console/sign-out", "GET /console/apps", "POST /console/apps",
                "GET /console/apps/{app}", "POST /console/apps/{app}/rollback", "POST /console/apps/{app}/destroy",
                "POST /console/apps/{app}/scale", "POST /console/apps/{app}/restart", "POST /console/apps/{app}/config",
                "POST /console/apps/{app}/config/unset");
        rule(Rule.CONSOLE_SESSION, "GET /console/apps/{app}/metrics", "POST /console/apps/{app}/config/reveal",
                "GET /console/users", "POST /console/users/{user}/password");
        rule(Rule.CONSOLE_SESSION, "GET /console/apps/{app}/domains", "POST /console/apps/{app}/domains",
                "POST /console/apps/{app}/domains/remove", "POST /console/apps/{app}/domains/certs",
                "POST /console/apps/{app}/domains/certs/remove", "GET /console/apps/{app}/access",
                "POST /console/apps/{app}/access", "POST /console/apps/{app}/access/remove",
                "POST /console/apps/{app}/access/transfer", "GET /console/apps/{app}/router", "POST /console/apps/{app}/router",
                "POST /console/apps/{app}/router/allowlist", "POST /console/apps/{app}/router/allowlist/remove");
        rule(Rule.CONSOLE_SESSION, "GET /console/apps/{app}/builds", "GET /console/apps/{app}/builds/{id}",
                "GET /console/apps/{app}/logs", "GET /console/apps/{app}/logs/follow", "GET /console/apps/{app}/activity");
    }

    private static void rule(Rule rule, String... routes) {
        for (String route : routes) {
            RULES.put(route, rule);
        }
    }

    /** Bodies that reach the route's work for a caller who may (an empty object elsewhere). */
    private final Map<String, Supplier<String>> bodies = new LinkedHashMap<>();

    /** A caller: a name for messages, the Authorization header's token (null: none), what they are. */
    record Caller(String name, String token, boolean user) {
    }

    /** A target app and who may do what with it. */
    record Target(String kind, String app, Set<String> deployers, Set<String> managers) {
    }

    private Caller anonymous;
    private Caller owner;
    private Caller collaborator;
    private Caller teamAdmin;
    private Caller teamMember;
    private Caller stranger;
    private Caller platformAdmin;
    private Caller builder;
    private Caller router;
    private String team;

    @Test
    void everyRouteAnswersEachCallerByTheRule() throws Exception {
        List<Routes.Route> routes = Routes.all();
        Set<String> found = new TreeSet<>();
        routes.forEach(route -> found.add(route.toString()));
        Set<String> missing = new TreeSet<>(found);
        missing.removeAll(RULES.keySet());
        assertTrue(missing.isEmpty(), "routes without a permission rule in this test: " + missing);
        Set<String> stale = new TreeSet<>(RULES.keySet());
        stale.removeAll(found);
        stale.removeIf(route -> route.equals("GET /v2/openapi") || route.contains("/v2/keys")
                || route.equals("GET /v2/apps/{app}/releases/{version}"));
        assertTrue(stale.isEmpty(), "rules for routes the application does not have: " + stale);

        setUp();
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (Routes.Route route : routes) {
            Rule rule = RULES.get(route.toString());
            List<Target> targets = route.path().contains("{app}") ? targets() : List.of(personal());
            for (Target target : targets) {
                for (Caller caller : List.of(anonymous, stranger, owner, collaborator, teamAdmin, teamMember, platformAdmin,
                        builder, router)) {
                    Target used = freshWhenDestructive(route, target);
                    int expected = expected(rule, caller, used);
                    String path = route.pathWith(name -> value(name, route, used, caller));
                    Answer answer = call(route.method(), path, caller.token(), body(route));
                    calls++;
                    String verdict = verdict(expected, answer);
                    if (verdict != null) {
                        wrong.add(route + " on " + used.kind() + " as " + caller.name() + ": " + verdict);
                    }
                }
            }
        }
        assertEquals(List.of(), wrong, calls + " calls");
    }

    /** Refusals must be exactly the rule's status; callers who may must get past every check of who they are. */
    private static String verdict(int expected, Answer answer) {
        if (expected != 0) {
            return answer.status == expected ? null : "expected " + expected + ", got " + answer.status + " " + answer.body;
        }
        boolean refused = answer.status == 401 || answer.status == 403
                || (answer.status == 404 && (answer.body.contains("no app named") || answer.body.contains("no team named")));
        if (refused || answer.status == 500) {
            return "expected to get through, got " + answer.status + " " + answer.body;
        }
        return null;
    }

    /** 0: gets through; else the status of the refusal. */
    private int expected(Rule rule, Caller caller, Target target) {
        boolean service = caller == builder || caller == router;
        switch (rule) {
            case PUBLIC, CONSOLE_PUBLIC:
                return 0;
            case CONSOLE_SIGN_IN:
                return 403;
            case CONSOLE_SESSION:
                return 303;
            case BUILDER:
                return caller == builder ? 0 : caller == router ? 403 : 401;
            case ROUTER:
                return caller == router ? 0 : caller == builder ? 403 : 401;
            case DEPLOY_OR_BUILDER:
                if (caller == builder) {
                    return 0;
                }
                break;
            default:
                break;
        }
        if (!caller.user() || service) {
            return 401;
        }
        return switch (rule) {
            case USER -> 0;
            case ADMIN -> caller == platformAdmin ? 0 : 403;
            case SELF_OR_ADMIN -> caller == platformAdmin ? 0 : 404;
            case TEAM_MEMBER -> caller == teamAdmin || caller == teamMember || caller == platformAdmin ? 0 : 404;
            case TEAM_ADMIN -> caller == teamAdmin || caller == platformAdmin ? 0 : caller == teamMember ? 403 : 404;
            case DEPLOY, DEPLOY_OR_BUILDER -> target.deployers().contains(caller.name()) ? 0 : 404;
            case MANAGE -> target.managers().contains(caller.name()) ? 0
                    : target.deployers().contains(caller.name()) ? 403 : 404;
            default -> throw new IllegalStateException(rule.name());
        };
    }

    private void setUp() {
        anonymous = new Caller("anonymous", null, false);
        // First: the first user of a fresh database becomes an admin, which the owner must not be.
        platformAdmin = user("admin", admin());
        owner = user("owner", register());
        collaborator = user("collaborator", register());
        teamAdmin = user("team-admin", register());
        teamMember = user("team-member", register());
        stranger = user("stranger", register());
        builder = new Caller("builder", PlatformResource.BUILDER_TOKEN, false);
        router = new Caller("router", PlatformResource.ROUTER_TOKEN, false);
        team = unique("crew");
        as(teamAdmin.token()).body(Map.of("name", team)).when().post("/v2/teams").then().statusCode(201);
        as(teamAdmin.token()).body(Map.of()).when().put("/v2/teams/" + team + "/members/" + username(teamMember.token()))
                .then().statusCode(200);
        bodies.put("POST /v2/auth/login", () -> "{\"username\":\"" + username(owner.token()) + "\",\"password\":\"s3cret-pass\"}");
        bodies.put("POST /v2/auth/password", () -> "{\"currentPassword\":\"wrong-pass\",\"newPassword\":\"short\"}");
    }

    private Caller user(String name, String token) {
        return new Caller(name, token, true);
    }

    private List<Target> targets() {
        return List.of(personal(), teamApp(), recycled());
    }

    private Target personal() {
        String app = createApp(owner.token(), "own-");
        as(owner.token()).body(Map.of("username", username(collaborator.token()))).when()
                .post("/v2/apps/" + app + "/collaborators").then().statusCode(201);
        return new Target("a personal app", app, Set.of("owner", "collaborator", "admin"), Set.of("owner", "admin"));
    }

    private Target teamApp() {
        String app = unique("crew-");
        as(teamAdmin.token()).body(Map.of("name", app, "team", team)).when().post("/v2/apps").then().statusCode(201);
        return new Target("a team's app", app, Set.of("team-admin", "team-member", "admin"), Set.of("team-admin", "admin"));
    }

    /** The owner and the collaborator of a destroyed app reach nothing of the stranger's app of that name. */
    private Target recycled() {
        Target old = personal();
        as(owner.token()).when().delete("/v2/apps/" + old.app()).then().statusCode(204);
        as(stranger.token()).body(Map.of("name", old.app())).when().post("/v2/apps").then().statusCode(201);
        return new Target("a recycled name", old.app(), Set.of("stranger", "admin"), Set.of("stranger", "admin"));
    }

    /** Routes that would take the target away from the callers after it get a target of their own. */
    private Target freshWhenDestructive(Routes.Route route, Target target) {
        if (!route.toString().equals("DELETE /v2/apps/{app}")) {
            return target;
        }
        return switch (target.kind()) {
            case "a team's app" -> teamApp();
            case "a recycled name" -> recycled();
            default -> personal();
        };
    }

    private String value(String parameter, Routes.Route route, Target target, Caller caller) {
        return switch (parameter) {
            case "app" -> target.app();
            case "team" -> team;
            // Someone no route can hurt: a fresh user for the admin routes, nobody elsewhere.
            case "user" -> route.path().startsWith("/v2/users/") ? username(register()) : "nobody-" + unique("x");
            case "id" -> "0";
            case "version" -> "1";
            // a one-off that does not run: the caller who may gets as far as the engine's answer (404)
            case "process" -> "run.1";
            default -> "nothing-" + unique("x");
        };
    }

    private String body(Routes.Route route) {
        if (route.path().startsWith("/console")) {
            return "name=x&confirm=x&version=1&username=x&password=x";
        }
        Supplier<String> body = bodies.get(route.toString());
        return body != null ? body.get() : "{}";
    }

    record Answer(int status, String body) {
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Status and the start of the body; a stream (routes/stream) is read no further than its first bytes. */
    private static Answer call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type",
                        path.startsWith("/console") ? "application/x-www-form-urlencoded" : "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        boolean hasBody = !method.equals("GET") && !method.equals("DELETE");
        request.method(method, hasBody ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
        HttpResponse<InputStream> response;
        try {
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (java.io.IOException e) {
            String why = String.valueOf(e.getMessage());
            if (!why.contains("EOF reached") && !why.contains("GOAWAY received")) {
                throw e;
            }
            // A kept-alive connection the server had just closed (it answers some refusals before reading the
            // body, then closes; over HTTP/2 its GOAWAY names the last stream it took, and this one came
            // after): the request never reached it, and a browser would send it again too.
            response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        }
        try (InputStream in = response.body()) {
            byte[] start = in.readNBytes(response.statusCode() == 200 && path.endsWith("/stream") ? 1 : 2000);
            return new Answer(response.statusCode(), new String(start, StandardCharsets.UTF_8));
        }
    }
}
