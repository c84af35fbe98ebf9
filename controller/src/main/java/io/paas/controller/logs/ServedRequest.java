package io.paas.controller.logs;

import io.paas.client.Api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A request a router served, as its line says: the app's id, when, the log line, and the status and
 * time it took (for metrics; absent from an older router's lines). Read once from the routers' lines
 * for both the apps' logs and their metrics.
 */
public record ServedRequest(long appId, Instant time, String text, Integer status, long millis) {

    /** The lines of apps that exist (idOf: an app's id by the name the router knows); a time that cannot be read is now. */
    public static List<ServedRequest> of(List<Api.RouterLogLine> lines, Function<String, Optional<Long>> idOf) {
        Map<String, Optional<Long>> ids = new HashMap<>();
        List<ServedRequest> served = new ArrayList<>(lines.size());
        for (Api.RouterLogLine line : lines) {
            if (line == null || line.app() == null || line.text() == null) {
                continue;
            }
            Optional<Long> id = ids.computeIfAbsent(line.app(), idOf);
            if (id.isEmpty()) {
                continue;
            }
            Instant time;
            try {
                time = line.time() == null ? Instant.now() : Instant.parse(line.time());
            } catch (DateTimeParseException e) {
                time = Instant.now();
            }
            served.add(new ServedRequest(id.get(), time, line.text(), line.status(),
                    line.millis() == null ? 0 : line.millis()));
        }
        return served;
    }
}
