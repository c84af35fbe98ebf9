package io.paas.e2e;

import io.paas.client.ControllerClient;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After the whole suite (this class runs last): no API token, password or config value appears in the
 * platform's own log files (controller, builder, router, registry, engine under $PAAS_HOME/logs). The apps'
 * own output is theirs and is not scanned. Secrets: every user's token (their paas config), the password
 * every test user has, the services' tokens, a fresh token and a config value set here (with a deploy that
 * hands it to a container), and every config value of the suite that looks like a secret.
 */
@Order(Integer.MAX_VALUE)
class LogSecretsTest {
    private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([0-9a-f]{64})\"");

    @Test
    void noTokenPasswordOrConfigValueIsInThePlatformsLogs() throws IOException {
        Platform platform = Platform.get();
        Shell shell = platform.shell();
        String marker = "cfg-" + UUID.randomUUID();
        Path app = platform.sample("static-app", "secret-scan");
        shell.run(app, "paas", "apps:create", "secret-scan").ok();
        shell.run(app, "paas", "config:set", "SCAN_MARKER=" + marker).ok();
        platform.pushUntilServed("secret-scan", app, "secret scan", "Hello from static", "git", "push", "-q", "paas", "main");
        String fresh = shell.run(app, "paas", "auth:token", "--description", "scan").ok().output().strip().lines()
                .filter(line -> line.matches("[0-9a-f]{64}")).findFirst().orElseThrow();

        Set<String> secrets = new LinkedHashSet<>(List.of(Platform.PASSWORD, marker, fresh));
        try (Stream<Path> files = Files.walk(platform.work)) {
            for (Path config : files.filter(p -> p.toString().endsWith(".paas/config.json")).toList()) {
                Matcher m = TOKEN.matcher(Files.readString(config));
                while (m.find()) {
                    secrets.add(m.group(1));
                }
            }
        }
        for (String service : List.of("builder-token", "router-token")) {
            secrets.add(Files.readString(platform.data.resolve("secrets").resolve(service)).strip());
        }
        // Config values of the whole suite that look like secrets (long, with a digit); short words such as
        // "hi" or "production" may well appear in a log for other reasons.
        for (var listed : ControllerClient.JSON.readTree(shell.run(app, "paas", "apps", "--json").ok().output())) {
            String config = shell.run(app, "paas", "config", "-a", listed.get("name").asText(), "--json").ok().output();
            ControllerClient.JSON.readTree(config).fields().forEachRemaining(entry -> {
                String value = entry.getValue().asText();
                if (value.length() >= 12 && value.matches(".*\\d.*")) {
                    secrets.add(value);
                }
            });
        }
        assertTrue(secrets.size() > 5, "found the suite's secrets: " + secrets.size());

        List<String> leaks = new ArrayList<>();
        Path logs = platform.data.resolve("logs");
        try (Stream<Path> files = Files.walk(logs)) {
            for (Path log : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(log), StandardCharsets.ISO_8859_1);
                for (String secret : secrets) {
                    if (text.contains(secret)) {
                        leaks.add(logs.relativize(log) + " holds " + secret.substring(0, Math.min(6, secret.length())) + "...");
                    }
                }
            }
        }
        assertEquals(List.of(), leaks, "scanned " + secrets.size() + " secrets");
    }
}
