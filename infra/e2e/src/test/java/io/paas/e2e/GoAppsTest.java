package io.paas.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Go apps pushed with git and reached through the router: a go.mod module (vendored dependency, a
 * Procfile saying {@code web: web}) built cold, configured and changed by a line, then the same app
 * replaced by an app in the older GOPATH layout (Godeps/Godeps.json, no Procfile) built from the
 * app's cache. Both builds take their Go from Debian's archive, so this test needs its mirror.
 */
class GoAppsTest {
    private static final String APP = "go-apps";
    private static Platform platform;
    private static Shell shell;

    @BeforeAll
    static void startPlatform() {
        platform = Platform.get();
        shell = platform.shell();
    }

    private static String pushUntilServed(Path dir, String what, String text, String... push) {
        return platform.pushUntilServed(APP, dir, "GoAppsTest: " + what, text, push);
    }

    @Test
    void moduleAndGopathAppsAreBuiltServedAndConfigured() throws IOException {
        Path module = platform.sample("go-mod-app", "go-mod");
        shell.run(module, "paas", "apps:create", APP).ok();
        String cold = pushUntilServed(module, "go-mod-app cold",
                "Hello from Go (module mode), GREETING=unset, built with go1.24.", "git", "push", "paas", "main");
        assertTrue(cold.contains("remote: -----> Go app: go.mod (module mode)"), cold);
        assertTrue(cold.contains("remote:        toolchain line (go.mod): go1.23.1"), cold);
        assertTrue(cold.contains("remote:        Go 1.24.4: the newest here, for go.mod's go line (go 1.22.3, a minimum)"), cold);
        assertTrue(cold.contains("remote: -----> Installing Go 1.24.4 (Debian trixie golang-1.24"), cold);
        assertTrue(cold.contains("remote:        vendor/: building offline from the vendored modules (-mod=vendor)"), cold);
        assertTrue(cold.contains("remote:        bin/web ("), cold);

        shell.run(module, "paas", "config:set", "GREETING=gopher").ok();
        Shell.Result configured = platform.curl(APP);
        assertTrue(configured.output().contains("GREETING=gopher"), configured.output());

        Path main = module.resolve("cmd/web/main.go");
        Files.writeString(main, Files.readString(main).replace("built with %s", "built (v2) with %s"));
        platform.commitAll(module, "one line changed");
        String warm = pushUntilServed(module, "go-mod-app warm (one line changed)",
                "Hello from Go (module mode), GREETING=gopher, built (v2) with go1.24.", "git", "push", "paas", "main");
        assertTrue(warm.contains("remote: -----> Using cached Go 1.24.4"), warm);
        assertTrue(!warm.contains("Downloading"), warm);

        // The older layout replaces the module app in the same app (a force push, as on Heroku).
        Path gopath = platform.sample("go-gopath-app", "go-gopath");
        shell.run(gopath, "paas", "git:remote", "-a", APP).ok();
        String older = pushUntilServed(gopath, "go-gopath-app over it (same cache)",
                "Hello from Go (GOPATH mode), GREETING=gopher, built with go1.24.", "git", "push", "-f", "paas", "main");
        assertTrue(older.contains("remote: -----> Go app: Godeps/Godeps.json (GOPATH mode, import path github.com/paas-samples/go-gopath-app)"), older);
        assertTrue(older.contains("remote:        Go 1.24.4: the newest Go 1.24, as Godeps.json's GoVersion asks (1.24)"), older);
        assertTrue(older.contains("remote:        Default types for buildpack -> web"), older);
        Shell.Result page = platform.curl(APP);
        assertTrue(page.output().contains("Don't communicate by sharing memory"), "the Godeps/_workspace dependency: " + page.output());
    }
}
