package io.paas.controller.api;

import io.restassured.RestAssured;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A browser as the console's tests speak it over HTTP: forms, a cookie jar for /console, redirects not followed. */
final class ConsoleBrowser {
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    record Page(int status, String body, HttpResponse<String> response) {
        String header(String name) {
            return response.headers().firstValue(name).orElse("");
        }

        List<String> cookies() {
            return response.headers().allValues("Set-Cookie");
        }

        String csrf() {
            Matcher m = CSRF.matcher(body);
            assertTrue(m.find(), "no CSRF field in " + body);
            return m.group(1);
        }
    }

    /** name -> value */
    final Map<String, String> cookies = new LinkedHashMap<>();

    Page get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET(), path);
    }

    Page post(String path, Map<String, String> form) throws Exception {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)), path);
    }

    private Page send(HttpRequest.Builder request, String path) throws Exception {
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(60)).build(),
                HttpResponse.BodyHandlers.ofString());
        for (String set : response.headers().allValues("Set-Cookie")) {
            String pair = set.split(";", 2)[0];
            String name = pair.substring(0, pair.indexOf('='));
            String value = pair.substring(pair.indexOf('=') + 1);
            if (value.isEmpty() || set.contains("Max-Age=0")) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        return new Page(response.statusCode(), response.body(), response);
    }

    /** Signs in through the form; answers the apps page's CSRF token. */
    String signIn(String username) throws Exception {
        Page form = get("/console/sign-in");
        assertEquals(200, form.status());
        Page signedIn = post("/console/sign-in", Map.of("csrf", form.csrf(), "username", username,
                "password", "s3cret-pass"));
        assertEquals(303, signedIn.status(), signedIn.body());
        assertEquals("/console/apps", URI.create(signedIn.header("Location")).getPath());
        return get("/console/apps").csrf();
    }

    static URI uri(String path) {
        return URI.create("http://localhost:" + RestAssured.port + path);
    }
}
