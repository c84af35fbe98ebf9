package io.paas.builder.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.regex.Pattern;

/** Config vars as the buildpack API wants them: one file per var in ENV_DIR, named by the key. */
public final class ConfigFiles {
    private static final Pattern KEY = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

    private ConfigFiles() {
    }

    /** Answers the number of vars written; keys that cannot be file names are left out. */
    public static int write(Path dir, Map<String, String> values) throws IOException {
        Files.createDirectories(dir);
        // config vars are secrets: only the build (root) may read them
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        int written = 0;
        for (Map.Entry<String, String> var : values.entrySet()) {
            if (var.getValue() != null && KEY.matcher(var.getKey()).matches()) {
                Files.writeString(dir.resolve(var.getKey()), var.getValue());
                written++;
            }
        }
        return written;
    }
}
