package io.paas.router;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the router needs, read from the environment (infra/PLATFORM.md).
 *
 * @param port 0 picks any free port
 * @param serviceToken asked again at every reconnect: the controller may write the token file after we start
 * @param eventLoops listening instances, one per core by default
 */
public record RouterSettings(String bind, int port, String controllerUrl, Supplier<String> serviceToken,
                             int eventLoops, long shutdownGraceMillis) {

    public static RouterSettings fromEnv(Map<String, String> env) {
        String home = env.getOrDefault("PAAS_HOME", System.getProperty("user.home") + "/.paas-platform");
        String token = blankToNull(env.get("PAAS_SERVICE_TOKEN"));
        Path tokenFile = Path.of(home, "secrets", "service-token");
        Supplier<String> tokens = token != null ? () -> token : () -> readToken(tokenFile);
        return new RouterSettings(
                env.getOrDefault("PAAS_BIND", "127.0.0.1"),
                intSetting(env, "PAAS_ROUTER_PORT", 7180, 0, 65535),
                env.getOrDefault("PAAS_CONTROLLER_URL", "http://127.0.0.1:7100"),
                tokens,
                intSetting(env, "PAAS_ROUTER_EVENT_LOOPS", Runtime.getRuntime().availableProcessors(), 1, 256),
                10_000);
    }

    private static String readToken(Path file) {
        try {
            return blankToNull(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return null;
        }
    }

    private static int intSetting(Map<String, String> env, String name, int fallback, int min, int max) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException(name + " must be a number from " + min + " to " + max + ", got '" + value + "'");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
