package io.paas.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Maven app pushed with git and reached through the router: java-app (commons-text from Maven
 * Central shaded into one runnable jar, no Procfile: web is the buildpack's default) built cold
 * with Debian's OpenJDK 17 and Maven Central's Maven, configured, then changed by a line and built
 * from the app's cache (JDK, Maven and its local repository: nothing downloaded). The app answers
 * with the output of `hostname`, which it runs in the run image. Needs Debian's mirror and Maven
 * Central.
 */
class JavaAppTest {
    private static final String APP = "java-app";
    private static Platform platform;
    private static Shell shell;

    @BeforeAll
    static void startPlatform() {
        platform = Platform.get();
        shell = platform.shell();
    }

    @Test
    void mavenAppIsBuiltServedConfiguredAndRebuiltFromItsCache() throws IOException {
        Path dir = platform.sample("java-app", "java-app");
        shell.run(dir, "paas", "apps:create", APP).ok();
        String cold = platform.pushUntilServed(APP, dir, "JavaAppTest: java-app cold",
                "Hello from Java 17.0.", "git", "push", "paas", "main");
        assertTrue(cold.contains("remote: -----> Java app (Maven): Java 17 (system.properties asks for java.runtime.version=17), Maven 3.9.16"), cold);
        assertTrue(cold.contains("remote: -----> Installing OpenJDK 17 (Debian bookworm openjdk-17"), cold);
        assertTrue(cold.contains("remote: -----> Installing Maven 3.9.16"), cold);
        assertTrue(cold.contains("remote:        Maven downloaded "), cold);
        assertTrue(cold.contains("remote:        Runnable jar: target/java-app-1.0.jar"), cold);
        assertTrue(cold.contains("remote:        Default types for buildpack -> web"), cold);

        Shell.Result page = platform.curl(APP);
        // hostname ran in the app's container (the run image has it) and commons-text is in the jar.
        assertTrue(page.output().matches("(?s)Hello from Java 17\\.0\\.\\d+, GREETING=unset, host=[A-Za-z0-9.-]+, "
                + "Built With Maven And Commons Text\\s+200\\s*"), page.output());

        shell.run(dir, "paas", "config:set", "GREETING=duke").ok();
        Shell.Result configured = platform.curl(APP);
        assertTrue(configured.output().contains("GREETING=duke"), configured.output());

        Path source = dir.resolve("src/main/java/io/paas/sample/App.java");
        Files.writeString(source, Files.readString(source).replace("Hello from Java", "Hello again from Java"));
        platform.commitAll(dir, "one line changed");
        String warm = platform.pushUntilServed(APP, dir, "JavaAppTest: java-app warm (one line changed)",
                "Hello again from Java 17.0.", "git", "push", "paas", "main");
        assertTrue(warm.contains("remote: -----> Using cached OpenJDK 17"), warm);
        assertTrue(warm.contains("remote: -----> Using cached Maven 3.9.16"), warm);
        assertTrue(warm.contains("remote:        Maven downloaded nothing: every plugin and dependency came from the app's cache"), warm);
        assertTrue(warm.contains("remote:        Using the cached Java runtime for the slug"), warm);
        assertFalse(warm.contains("Downloading"), warm);
        // the Java runtime is the last release's image layer
        assertTrue(Pattern.compile("(?m)^remote:        Layer \\.jdk \\([0-9.]+ MB\\): unchanged, reused\\s*$").matcher(warm).find(), warm);
        BuildpackAppsTest.assertPhaseTimes(warm);
        assertTrue(platform.curl(APP).output().contains("GREETING=duke"), "the config var survives the new build");
    }
}
