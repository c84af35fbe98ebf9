package io.paas.cli.support;

import io.paas.cli.CliContext;
import io.paas.client.ControllerClient;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Reads and writes the CLI's config file; the token in it is a secret, so the file is 0600. */
public class UserConfigStore {
    private final Path dir;

    public UserConfigStore(CliContext ctx) {
        String override = ctx.env("PAAS_CONFIG_DIR");
        // $HOME first, as git and every shell tool read it; Java's user.home comes from the password file.
        String home = ctx.env("HOME") != null ? ctx.env("HOME") : System.getProperty("user.home");
        this.dir = override != null ? Paths.get(override) : Paths.get(home, ".paas");
    }

    public Path file() {
        return dir.resolve("config.json");
    }

    /** The saved config, or an empty one when there is none yet. */
    public UserConfig load() {
        Path file = file();
        if (!Files.exists(file)) {
            return new UserConfig(null, null, null, null);
        }
        try {
            return ControllerClient.JSON.readValue(file.toFile(), UserConfig.class);
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage());
        }
    }

    public void save(UserConfig config) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            // Created 0600 before the token is written, then moved over the old file, so the token
            // is never readable by others, not even for a moment.
            Path temp = Files.createTempFile(dir, "config", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.write(temp, ControllerClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(config));
                move(temp, file());
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new CliException("cannot write " + file() + ": " + e.getMessage());
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
