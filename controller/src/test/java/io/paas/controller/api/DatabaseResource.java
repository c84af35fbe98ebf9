package io.paas.controller.api;

import io.paas.controller.platform.EmbeddedDatabase;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A real PostgreSQL (zonky's binaries) in a temporary data directory, for @QuarkusTest. */
public class DatabaseResource implements QuarkusTestResourceLifecycleManager {
    static final String SERVICE_TOKEN = "test-service-token";
    private EmbeddedDatabase database;
    private Path home;

    @Override
    public Map<String, String> start() {
        try {
            home = Files.createTempDirectory("paas-controller-test");
            database = EmbeddedDatabase.start(home.resolve("postgres"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                "quarkus.datasource.username", database.username(),
                "quarkus.datasource.password", "",
                "paas.home", home.toString(),
                "paas.service.token", SERVICE_TOKEN,
                "paas.platform.id", "ctl-test-" + ProcessHandle.current().pid(),
                // No engine runs in these API tests: app containers are exercised by the end-to-end suite.
                "paas.docker.host", "unix://" + home.resolve("no-engine.sock"),
                "paas.router.url", "http://localhost:7180",
                "paas.builder.url", "http://127.0.0.1:7101");
    }

    @Override
    public void stop() {
        try {
            if (database != null) {
                database.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
