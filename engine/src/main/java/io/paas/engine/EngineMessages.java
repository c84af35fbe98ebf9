package io.paas.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.DockerException;

/** Turns the engine's error bodies ("Status 500: {"cause":..,"message":..}") into one readable line. */
public final class EngineMessages {
    private static final ObjectMapper JSON = new ObjectMapper();

    private EngineMessages() {
    }

    public static String of(DockerException e) {
        String body = e.getMessage() == null ? "" : e.getMessage().trim();
        int brace = body.indexOf('{');
        if (brace >= 0) {
            try {
                JsonNode message = JSON.readTree(body.substring(brace)).get("message");
                if (message != null && message.isTextual()) {
                    return message.asText().trim();
                }
            } catch (Exception notJson) {
                // fall through to the raw text
            }
        }
        return body.replace('\n', ' ');
    }

    public static boolean mentions(DockerException e, String words) {
        return e.getMessage() != null && e.getMessage().toLowerCase().contains(words);
    }
}
