package io.paas.controller.releases;

import db.migration.V15__SealConfigValues;
import io.paas.controller.platform.EmbeddedDatabase;
import io.paas.controller.platform.KeyVault;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Migration V15 on a database of releases stored before config was sealed (a real PostgreSQL of its
 * own): every value is sealed, names stay, and what the controller opens is what was stored.
 */
class ConfigSealingMigrationTest {
    private static final String SQL_MIGRATIONS = "filesystem:src/main/resources/db/migration";

    @TempDir
    Path dir;

    @Test
    void everyValueOfEveryReleaseIsSealedOnce() throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("postgres"))) {
            Flyway.configure().dataSource(db.jdbcUrl(), db.username(), "").locations(SQL_MIGRATIONS).load().migrate();
            Map<String, String> v2 = Map.of("DATABASE_URL", "postgres://u:hunter2@db/x", "EMPTY", "",
                    // a value that merely looks sealed is sealed too: nothing is guessed from a value
                    "ODD", "v1:not-really-sealed", "UNICODE", "grüße ✓");
            try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), "");
                 Statement sql = connection.createStatement()) {
                sql.executeUpdate("INSERT INTO users (username, password_hash) VALUES ('old', 'x')");
                sql.executeUpdate("INSERT INTO apps (name, owner_id, uid) SELECT 'legacy', id, 'u-1' FROM users");
                sql.executeUpdate("INSERT INTO releases (app_id, version, config, process_types, summary, created_by) "
                        + "SELECT id, 1, '{}', '{}', 'Initial release', 'old' FROM apps");
                sql.executeUpdate("INSERT INTO releases (app_id, version, config, process_types, summary, created_by) "
                        + "SELECT id, 2, '" + new JsonMapConverter().convertToDatabaseColumn(v2) + "', '{}', 'set', 'old' FROM apps");
            }

            KeyVault vault = new KeyVault(dir);
            // out of order: SQL migrations numbered after 15 may exist by the time this runs
            Flyway.configure().dataSource(db.jdbcUrl(), db.username(), "").locations(SQL_MIGRATIONS)
                    .javaMigrations(new V15__SealConfigValues(vault)).outOfOrder(true).load().migrate();

            List<String> stored = configs(db);
            assertEquals("{}", stored.get(0));
            assertFalse(stored.get(1).contains("hunter2") || stored.get(1).contains("grüße"), stored.get(1));
            Map<String, String> sealed = new JsonMapConverter().convertToEntityAttribute(stored.get(1));
            assertEquals(v2.keySet(), sealed.keySet());
            Map<String, String> opened = new TreeMap<>();
            sealed.forEach((key, value) -> {
                assertTrue(KeyVault.isSealed(value), key + ": " + value);
                opened.put(key, vault.open(value));
            });
            assertEquals(new TreeMap<>(v2), opened);

            // applied once: a later start leaves the rows as they are
            Flyway.configure().dataSource(db.jdbcUrl(), db.username(), "").locations(SQL_MIGRATIONS)
                    .javaMigrations(new V15__SealConfigValues(vault)).outOfOrder(true).load().migrate();
            assertEquals(stored, configs(db));
        }
    }

    private static List<String> configs(EmbeddedDatabase db) throws Exception {
        List<String> rows = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), "");
             Statement sql = connection.createStatement();
             ResultSet row = sql.executeQuery("SELECT config FROM releases ORDER BY version")) {
            while (row.next()) {
                rows.add(row.getString(1));
            }
        }
        return rows;
    }
}
