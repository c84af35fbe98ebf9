package io.paas.builder.git;

import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Gives JGit a private, writable home: it writes files there (timestamp resolution of the file
 * system) and must not read the server user's own ~/.gitconfig.
 */
public final class JGitHome {
    private JGitHome() {
    }

    public static void use(Path home) throws IOException {
        Path config = Files.createDirectories(home.resolve(".config"));
        Files.createDirectories(home.resolve(".cache"));
        SystemReader.setInstance(new SystemReader.Delegate(SystemReader.getInstance()) {
            @Override
            public String getenv(String variable) {
                return switch (variable) {
                    case "HOME" -> home.toString();
                    case "XDG_CONFIG_HOME" -> config.toString();
                    case "XDG_CACHE_HOME" -> home.resolve(".cache").toString();
                    case "GIT_CONFIG_NOSYSTEM" -> "1";
                    default -> super.getenv(variable);
                };
            }

            @Override
            public String getProperty(String key) {
                return "user.home".equals(key) ? home.toString() : super.getProperty(key);
            }
        });
        FS.DETECTED.setUserHome(home.toFile());
    }
}
