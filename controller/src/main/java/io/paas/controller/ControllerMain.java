package io.paas.controller;

import io.paas.controller.platform.EmbeddedDatabase;
import io.paas.controller.platform.PlatformSettings;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the controller. With no PAAS_DATABASE_URL it first starts an embedded PostgreSQL whose
 * data lives in the platform's data directory; Quarkus reads the datasource from system properties.
 */
@QuarkusMain
public class ControllerMain {
    public static void main(String... args) throws Exception {
        String url = System.getenv("PAAS_DATABASE_URL");
        EmbeddedDatabase embedded = null;
        if (url == null || url.isBlank()) {
            embedded = EmbeddedDatabase.start(PlatformSettings.home().resolve("postgres"));
            System.setProperty("quarkus.datasource.jdbc.url", embedded.jdbcUrl());
            System.setProperty("quarkus.datasource.username", embedded.username());
            System.setProperty("quarkus.datasource.password", "");
        } else {
            System.setProperty("quarkus.datasource.jdbc.url", url);
            System.setProperty("quarkus.datasource.username", envOr("PAAS_DATABASE_USER", "postgres"));
            System.setProperty("quarkus.datasource.password", envOr("PAAS_DATABASE_PASSWORD", ""));
        }
        try {
            Quarkus.run(args);
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
