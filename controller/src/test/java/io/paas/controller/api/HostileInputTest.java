package io.paas.controller.api;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.persistence.EntityManager;
import jakarta.inject.Inject;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.paas.controller.api.TestUsers.admin;
import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.createApp;
import static io.paas.controller.api.TestUsers.register;
import static io.paas.controller.api.TestUsers.unique;
import static io.paas.controller.api.TestUsers.username;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Hostile input to every route, as a caller who may use it (an admin, on an app and a team of theirs, and the
 * services on theirs): very long strings, unicode, "../", NUL, shell metacharacters in every path parameter and
 * every field of the body's type, and JSON of the wrong types. Never a 500; every refusal is a 4xx
 * problem+json that changed nothing in the database. (Some such strings are fine values, e.g. a config
 * value "$(id)" is stored as written: those answers may be 2xx.)
 */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class HostileInputTest {
    private static final List<String> STRINGS = List.of(
            "x".repeat(100_000),
            "ünïcødé ☃ 𝄞 \u202Eevil",
            "../../../etc/passwd",
            "nul\u0000byte",
            "$(touch /tmp/paas-pwned); `id` | cat & echo ok; rm -rf /",
            "");
    /** JSON values of the wrong type for any field (strings where numbers go are in STRINGS). */
    private static final List<String> WRONG_TYPES = List.of("123", "true", "[1,2]", "{\"a\":{}}", "1e400", "-1");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    EntityManager entities;

    @Test
    void hostileInputGetsA4xxThatChangesNothingOrIsTakenAsWritten() throws Exception {
        String admin = admin();
        String app = createApp(admin, "fuzz-");
        String team = unique("fuzzteam");
        as(admin).body(Map.of("name", team)).when().post("/v2/teams").then().statusCode(201);
        List<String> wrong = new ArrayList<>();
        int calls = 0;
        for (Routes.Route route : Routes.all()) {
            if (route.path().endsWith("/stream")) {
                continue; // a stream has no input but its token
            }
            String token = route.toString().matches(".* /v2/(routes.*)") ? PlatformResource.ROUTER_TOKEN
                    : isBuilderOnly(route) ? PlatformResource.BUILDER_TOKEN : admin;
            for (String[] request : requests(route, app, team)) {
                String problem = null;
                // A change the request did not make (the platform's own background work: routers'
                // heartbeats, drains counting what they missed) shows as a change between two quiet
                // looks too: the request is then tried again, at most three times.
                for (int attempt = 1; attempt <= 3; attempt++) {
                    Map<String, Object> before = databaseState();
                    Answer answer = call(route.method(), request[0], token, request[1]);
                    calls++;
                    problem = judge(answer, before);
                    if (problem == null || !problem.contains("the database changed") || !backgroundWrites()) {
                        break;
                    }
                }
                if (problem != null) {
                    wrong.add(route + " " + shorten(request[0]) + " " + shorten(request[1]) + ": " + problem);
                }
            }
        }
        assertEquals(List.of(), wrong, calls + " hostile calls");
    }

    private String judge(Answer answer, Map<String, Object> before) {
        if (answer.status >= 500) {
            return "answered " + answer.status + " " + shorten(answer.body);
        }
        if (answer.status >= 400) {
            if (!answer.contentType.startsWith("application/problem+json")) {
                return answer.status + " without problem+json: " + answer.contentType;
            }
            Map<String, Object> after = databaseState();
            if (!after.equals(before)) {
                List<String> changed = after.keySet().stream()
                        .filter(table -> !after.get(table).equals(before.get(table))).toList();
                return "refused with " + answer.status + " but the database changed (" + String.join(", ", changed) + ")";
            }
        }
        return null;
    }

    private static boolean isBuilderOnly(Routes.Route route) {
        String r = route.toString();
        return r.equals("POST /v2/auth/check") || r.equals("GET /v2/app-ids") || r.equals("POST /v2/images/check")
                || r.endsWith("/builds") && route.method().equals("POST") || r.endsWith("/builds/failed");
    }

    /** Path and body pairs: hostile path parameters with an empty body, then hostile bodies on a good path. */
    private List<String[]> requests(Routes.Route route, String app, String team) {
        List<String[]> requests = new ArrayList<>();
        boolean hasBody = !route.method().equals("GET") && !route.method().equals("DELETE");
        for (String hostile : STRINGS) {
            if (route.path().contains("{")) {
                String encoded = URLEncoder.encode(hostile.length() > 2000 ? hostile.substring(0, 2000) : hostile,
                        StandardCharsets.UTF_8).replace("+", "%20");
                requests.add(new String[]{route.pathWith(name -> encoded), "{}"});
            }
        }
        String path = route.pathWith(name -> switch (name) {
            case "app" -> app;
            case "team" -> team;
            case "user" -> "nobody";
            case "id" -> "1";
            default -> "example.org";
        });
        if (!hasBody) {
            return requests;
        }
        Class<?> type = bodyType(route);
        List<String> fields = new ArrayList<>();
        if (type != null && type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                fields.add(component.getName());
            }
        }
        List<String> values = new ArrayList<>();
        STRINGS.forEach(s -> values.add(json(s)));
        values.addAll(WRONG_TYPES);
        for (String value : values) {
            if (fields.isEmpty()) {
                // A map body (config, formation, limits...): a hostile key and a hostile value.
                requests.add(new String[]{path, "{" + value.replaceFirst("^(?!\")(.*)$", "\"$1\"") + ":" + value + "}"});
            }
            for (String field : fields) {
                requests.add(new String[]{path, "{\"" + field + "\":" + value + "}"});
            }
            requests.add(new String[]{path, value});
        }
        requests.add(new String[]{path, "{\"unclosed\": "});
        return requests;
    }

    private static Class<?> bodyType(Routes.Route route) {
        for (Parameter parameter : route.handler().getParameters()) {
            if (!parameter.isAnnotationPresent(HeaderParam.class) && !parameter.isAnnotationPresent(PathParam.class)
                    && !parameter.isAnnotationPresent(QueryParam.class) && !parameter.isAnnotationPresent(Context.class)) {
                return parameter.getType();
            }
        }
        return null;
    }

    /** Whether the database changes with no request made. */
    private boolean backgroundWrites() throws InterruptedException {
        Map<String, Object> first = databaseState();
        Thread.sleep(1000);
        return !databaseState().equals(first);
    }

    /** Every table's rows, hashed: what a refused request must leave as it was. */
    private Map<String, Object> databaseState() {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<String> tables = entities.createNativeQuery("select table_name from information_schema.tables "
                    + "where table_schema = 'public' and table_name not like 'flyway%'"
                    // the apps' figures per minute are written on a timer, whatever requests come
                    + " and table_name not in ('app_metrics', 'process_metrics') order by table_name").getResultList();
            Map<String, Object> state = new TreeMap<>();
            for (String table : tables) {
                // A refused login is recorded by design (login.failed in the audit trail), and a token's
                // last use is its caller's own bookkeeping, written by any request at most once a minute
                // (CI failed on it): every other row and column counts.
                String row = table.equals("api_tokens") ? "(to_jsonb(t) - 'last_used_at')::text" : "t::text";
                Object hash = entities.createNativeQuery("select md5(coalesce(string_agg(" + row + ", ',' order by " + row
                        + "), '')) from " + table + " t" + (table.equals("audit_entries") ? " where action <> 'login.failed'" : ""))
                        .getSingleResult();
                state.put(table, hash);
            }
            return state;
        });
    }

    private static String json(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String shorten(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "...(" + s.length() + ")" : s;
    }

    record Answer(int status, String contentType, String body) {
    }

    private static Answer call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token);
        boolean hasBody = !method.equals("GET") && !method.equals("DELETE");
        request.method(method, hasBody ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
    }
}
