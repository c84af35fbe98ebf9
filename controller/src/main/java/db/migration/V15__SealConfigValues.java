package db.migration;

import io.paas.controller.platform.KeyVault;
import io.paas.controller.platform.PlatformSettings;
import io.paas.controller.releases.JsonMapConverter;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * Seals the value of every config var of every release with the platform's KeyVault (names stay
 * readable). A Java migration because SQL cannot encrypt; in the same transaction as its entry in
 * the schema history, so every row is sealed exactly once and the code reading config has one path.
 */
public class V15__SealConfigValues extends BaseJavaMigration {
    private final KeyVault vault;

    /** As Flyway makes it at the controller's start: the vault of the platform's data directory. */
    public V15__SealConfigValues() {
        this(null);
    }

    /** With the vault given, for a test that migrates its own database. */
    public V15__SealConfigValues(KeyVault vault) {
        this.vault = vault;
    }

    @Override
    public void migrate(Context context) throws Exception {
        KeyVault keys = vault != null ? vault : new KeyVault(new PlatformSettings().dataDir());
        JsonMapConverter json = new JsonMapConverter();
        try (Statement select = context.getConnection().createStatement();
             ResultSet rows = select.executeQuery("SELECT id, config FROM releases WHERE config IS NOT NULL");
             PreparedStatement update = context.getConnection().prepareStatement(
                     "UPDATE releases SET config = ? WHERE id = ?")) {
            while (rows.next()) {
                Map<String, String> sealed = new TreeMap<>();
                json.convertToEntityAttribute(rows.getString(2)).forEach((key, value) -> sealed.put(key, keys.seal(value)));
                update.setString(1, json.convertToDatabaseColumn(sealed));
                update.setLong(2, rows.getLong(1));
                update.addBatch();
            }
            update.executeBatch();
        }
    }
}
