package io.paas.builder.build;

import io.paas.client.Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AppJsonTest {
    @TempDir
    Path app;

    @Test
    void takesDokkuStartupChecksAndFormationAndIgnoresCommentsAndOtherToolsFields() throws Exception {
        AppJson json = AppJson.parse("""
                {
                  // for Heroku's review apps and Dokku alike
                  "name": "demo",
                  "buildpacks": [{"url": "https://github.com/heroku/heroku-buildpack-nodejs"}],
                  "addons": ["heroku-postgresql"],
                  "env": {"SECRET": {"generator": "secret"}},
                  "scripts": {"dokku": {"predeploy": "make"}},
                  "formation": {"web": {"quantity": 2, "size": "standard-1x"}, "worker": {"quantity": 0}},
                  "healthchecks": {
                    "web": [
                      {"type": "startup", "name": "web check", "path": "/health", "content": "ok",
                       "attempts": 3, "timeout": 5, "wait": 2, "initialDelay": 1},
                      {"type": "liveness", "path": "/live"}
                    ],
                    /* no path: Dokku's uptime check, a TCP connect here */
                    "worker": [{"uptime": 10, "timeout": 4}],
                  }
                }
                """);
        assertEquals(Map.of("web", new Api.HealthCheck("/health", 5, 2, "ok", 3, 1),
                "worker", new Api.HealthCheck(null, 4, null)), json.healthchecks());
        assertEquals(Map.of("web", 2, "worker", 0), json.formation());
        assertEquals(List.of("health check of web: GET /health answering \"ok\", 3 attempts",
                "health check of worker: TCP connect to $PORT",
                "formation of the first deploy: web=2 worker=0",
                "healthchecks.web[1]: liveness checks are not run by paas; ignored"), json.summary());
    }

    @Test
    void anAppWithoutAppJsonHasNothingFromIt() throws Exception {
        assertSame(AppJson.NONE, AppJson.read(app));
        Files.writeString(app.resolve("app.json"), "{\"healthchecks\": {\"web\": [{\"path\": \"/\"}]}}");
        assertEquals(Map.of("web", new Api.HealthCheck("/", null, null, null, null, null)),
                AppJson.read(app).healthchecks());
    }

    @Test
    void mistakesAreNamedWithTheirFieldOrPlace() {
        assertEquals("app.json: not valid JSON at line 2, column 14: Unexpected close marker '}': no open Object to close",
                invalid("{\"formation\":\n {\"web\": {}}}}"));
        assertEquals("app.json: healthchecks.web[0].attempts must be a whole number from 1 to 60, not \"three\"",
                invalid("{\"healthchecks\": {\"web\": [{\"path\": \"/\", \"attempts\": \"three\"}]}}"));
        assertEquals("app.json: healthchecks.web[0].path must start with /, not \"health\"",
                invalid("{\"healthchecks\": {\"web\": [{\"path\": \"health\"}]}}"));
        assertEquals("app.json: healthchecks.web has more than one startup check; paas runs one per process type",
                invalid("{\"healthchecks\": {\"web\": [{\"path\": \"/a\"}, {\"path\": \"/b\"}]}}"));
        assertEquals("app.json: formation.web.quantity must be a whole number from 0 to 50, not 2.5",
                invalid("{\"formation\": {\"web\": {\"quantity\": 2.5}}}"));
        assertEquals("app.json: healthchecks must be an object of process types, e.g. {\"web\": [{\"path\": \"/health\"}]}",
                invalid("{\"healthchecks\": [\"/health\"]}"));
        assertEquals("app.json: must hold a JSON object", invalid("[]"));
    }

    private static String invalid(String text) {
        return assertThrows(AppJson.Invalid.class, () -> AppJson.parse(text)).getMessage();
    }
}
