package io.paas.builder.build;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.paas.client.Api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What paas takes from an app's app.json (Dokku's form): the startup health checks per process type
 * and the formation of the first deploy. Comments (JSON with comments) and every other field (env,
 * addons, buildpacks, scripts... meant for other tools) are tolerated and ignored.
 *
 * @param notes lines for the push output: what was taken, and what was left aside and why
 */
public record AppJson(Map<String, Api.HealthCheck> healthchecks, Map<String, Integer> formation, List<String> notes) {
    public static final AppJson NONE = new AppJson(Map.of(), Map.of(), List.of());

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Thrown for an app.json paas cannot use; the message is for users, naming the field. */
    public static class Invalid extends Exception {
        Invalid(String message) {
            super("app.json: " + message);
        }
    }

    /** The app.json at the root of appDir; NONE when there is none. */
    public static AppJson read(Path appDir) throws Invalid, IOException {
        Path file = appDir.resolve("app.json");
        if (!Files.isRegularFile(file)) {
            return NONE;
        }
        return parse(Files.readString(file));
    }

    static AppJson parse(String text) throws Invalid {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new Invalid("not valid JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column "
                    + at.getColumnNr()) + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new Invalid("must hold a JSON object");
        }
        List<String> notes = new ArrayList<>();
        Map<String, Api.HealthCheck> checks = healthchecks(root.path("healthchecks"), notes);
        Map<String, Integer> formation = formation(root.path("formation"));
        return new AppJson(checks, formation, notes);
    }

    private static Map<String, Api.HealthCheck> healthchecks(JsonNode node, List<String> notes) throws Invalid {
        Map<String, Api.HealthCheck> checks = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return checks;
        }
        if (!node.isObject()) {
            throw new Invalid("healthchecks must be an object of process types, e.g. {\"web\": [{\"path\": \"/health\"}]}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> type = it.next();
            String where = "healthchecks." + type.getKey();
            if (!type.getValue().isArray()) {
                throw new Invalid(where + " must be a list of checks");
            }
            for (int i = 0; i < type.getValue().size(); i++) {
                JsonNode check = type.getValue().get(i);
                String at = where + "[" + i + "]";
                if (!check.isObject()) {
                    throw new Invalid(at + " must be an object");
                }
                String kind = text(check, "type", at, "startup");
                if (!kind.equals("startup")) {
                    // liveness and readiness watch a running app: nothing of paas runs them yet
                    notes.add(at + ": " + kind + " checks are not run by paas; ignored");
                    continue;
                }
                if (check.has("command")) {
                    notes.add(at + ": command checks are not run by paas; ignored");
                    continue;
                }
                if (checks.containsKey(type.getKey())) {
                    throw new Invalid(where + " has more than one startup check; paas runs one per process type");
                }
                checks.put(type.getKey(), check(check, at));
            }
        }
        return checks;
    }

    /** A check with a path is an HTTP GET; without one (Dokku's uptime or listening checks), a TCP connect. */
    private static Api.HealthCheck check(JsonNode check, String at) throws Invalid {
        String path = text(check, "path", at, null);
        if (path != null && !path.startsWith("/")) {
            throw new Invalid(at + ".path must start with /, not \"" + path + "\"");
        }
        Integer timeout = seconds(check, "timeout", at, 1);
        Integer wait = seconds(check, "wait", at, 1);
        if (path == null) {
            return new Api.HealthCheck(null, timeout, wait);
        }
        return new Api.HealthCheck(path, timeout, wait, text(check, "content", at, null),
                seconds(check, "attempts", at, 1), seconds(check, "initialDelay", at, 0));
    }

    private static Map<String, Integer> formation(JsonNode node) throws Invalid {
        Map<String, Integer> formation = new LinkedHashMap<>();
        if (node.isMissingNode() || node.isNull()) {
            return formation;
        }
        if (!node.isObject()) {
            throw new Invalid("formation must be an object of process types, e.g. {\"web\": {\"quantity\": 2}}");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> type = it.next();
            String at = "formation." + type.getKey();
            if (!type.getValue().isObject()) {
                throw new Invalid(at + " must be an object, e.g. {\"quantity\": 2}");
            }
            Integer quantity = whole(type.getValue(), "quantity", at, 0, 50);
            if (quantity != null) {
                formation.put(type.getKey(), quantity);
            }
        }
        return formation;
    }

    private static String text(JsonNode object, String field, String at, String fallback) throws Invalid {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isTextual()) {
            throw new Invalid(at + "." + field + " must be a string, not " + value);
        }
        return value.asText();
    }

    private static Integer seconds(JsonNode object, String field, String at, int min) throws Invalid {
        return whole(object, field, at, min, 60);
    }

    private static Integer whole(JsonNode object, String field, String at, int min, int max) throws Invalid {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
            throw new Invalid(at + "." + field + " must be a whole number from " + min + " to " + max + ", not " + value);
        }
        return value.asInt();
    }

    /** One line per check and the formation, as the push output says them. */
    public List<String> summary() {
        List<String> lines = new ArrayList<>();
        healthchecks.forEach((type, check) -> lines.add("health check of " + type + ": " + (check.path() == null
                ? "TCP connect to $PORT"
                : "GET " + check.path() + (check.content() == null ? "" : " answering \"" + check.content() + "\"")
                + (check.attempts() == null ? "" : ", " + check.attempts() + " attempts"))));
        if (!formation.isEmpty()) {
            StringBuilder scale = new StringBuilder("formation of the first deploy:");
            formation.forEach((type, quantity) -> scale.append(' ').append(type).append('=').append(quantity));
            lines.add(scale.toString());
        }
        lines.addAll(notes);
        return lines;
    }
}
