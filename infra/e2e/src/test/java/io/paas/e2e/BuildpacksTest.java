package io.paas.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An app that names its buildpacks, as on Heroku: a custom one fetched from a git repository over
 * HTTP (on a host the test platform's operator allows), then the built-in static one, run in order;
 * the same from a .buildpacks file; and a BUILDPACK_URL at the platform's own loopback address
 * refused before anything is built, the live release serving on.
 */
class BuildpacksTest {
    private static Platform platform;
    private static Shell shell;
    private static BuildpackServer buildpacks;
    private static String toolsUrl;

    @BeforeAll
    static void start() throws IOException {
        platform = Platform.get();
        shell = platform.shell();
        buildpacks = new BuildpackServer(platform, "buildpacks");
        toolsUrl = toolsBuildpack();
    }

    @AfterAll
    static void stop() {
        if (buildpacks != null) {
            buildpacks.close();
        }
    }

    /** A buildpack that adds a file to the slug, counts its runs in its cache, and proposes a web that fails. */
    private static String toolsBuildpack() throws IOException {
        return buildpacks.serve("tools",
                "detect", "#!/usr/bin/env bash\necho Tools\n",
                "compile", """
                        #!/usr/bin/env bash
                        set -euo pipefail
                        echo "-----> Adding tools.txt"
                        runs=$(( $(cat "$2/runs" 2>/dev/null || echo 0) + 1 )); echo "$runs" > "$2/runs"
                        echo "made by the tools buildpack (greeting: $(cat "$3/GREETING"), compile run $runs)" > "$1/tools.txt"
                        """,
                // the static buildpack comes after it: its web wins
                "release", """
                        #!/usr/bin/env bash
                        printf -- '---\\ndefault_process_types:\\n  web: echo the tools buildpack serves nothing; exit 1\\n'
                        """);
    }

    @Test
    void namedBuildpacksRunInOrderAndALoopbackBuildpackUrlIsRefused() throws IOException {
        Path dir = platform.sample("static-app", "bp-multi");
        shell.run(dir, "paas", "apps:create", "bp-multi").ok();
        shell.run(dir, "paas", "config:set", "GREETING=hi").ok();
        shell.run(dir, "paas", "buildpacks:set", toolsUrl).ok();
        shell.run(dir, "paas", "buildpacks:add", "heroku-community/static").ok();
        assertEquals("=== bp-multi Buildpack URLs\n1. " + toolsUrl + "\n2. heroku-community/static\n",
                shell.run(dir, "paas", "buildpacks").ok().output());

        String push = platform.pushUntilServed("bp-multi", dir, "[buildpacks] custom + static", "Hello from static",
                "git", "push", "paas", "main");
        assertTrue(push.contains("remote: -----> Buildpacks set on the app (paas buildpacks)"), push);
        assertTrue(push.contains("remote: -----> Fetching buildpack " + toolsUrl), push);
        assertTrue(push.contains("remote: -----> Using 2 buildpacks, in order: " + toolsUrl + ", heroku-community/static"), push);
        assertTrue(push.indexOf("remote: -----> Adding tools.txt") < push.indexOf("remote: -----> Static site app detected"), push);
        assertEquals(List.of("200", "made by the tools buildpack (greeting: hi, compile run 1)"), get("/tools.txt"));

        // the controller refuses the platform's own addresses when they are set
        Shell.Result refused = shell.run(dir, "paas", "buildpacks:add", "http://127.0.0.1:" + platform.setting("PAAS_REGISTRY_PORT") + "/v2/");
        assertEquals(1, refused.exit(), refused.output());
        assertTrue(refused.output().contains("127.0.0.1 is a loopback address, which builds may not reach"), refused.output());

        // .buildpacks, with the same buildpack: its cache folder is kept
        shell.run(dir, "paas", "buildpacks:clear").ok();
        Files.writeString(dir.resolve(".buildpacks"), "# tools, then the site\n" + toolsUrl + "\nstatic\n");
        Path index = dir.resolve("index.html");
        Files.writeString(index, Files.readString(index).replace("Hello from static", "Hello again"));
        platform.commitAll(dir, ".buildpacks");
        push = platform.pushUntilServed("bp-multi", dir, "[buildpacks] .buildpacks", "Hello again", "git", "push", "paas", "main");
        assertTrue(push.contains("remote: -----> Buildpacks from .buildpacks"), push);
        assertEquals(List.of("200", "made by the tools buildpack (greeting: hi, compile run 2)"), get("/tools.txt"));

        // BUILDPACK_URL wins over .buildpacks, and the platform's loopback address is refused at build time
        String registry = "http://127.0.0.1:" + platform.setting("PAAS_REGISTRY_PORT") + "/v2/bp.tgz";
        shell.run(dir, "paas", "config:set", "BUILDPACK_URL=" + registry).ok();
        Files.writeString(index, Files.readString(index).replace("Hello again", "Never served"));
        platform.commitAll(dir, "a change the refused buildpack never builds");
        Shell.Result failed = shell.run(dir, "git", "push", "paas", "main");
        assertNotEquals(0, failed.exit(), failed.output());
        List<String> remote = failed.output().lines().filter(line -> line.startsWith("remote:")).toList();
        assertTrue(remote.get(remote.size() - 2).contains("buildpack URL " + registry + " is refused: 127.0.0.1 is a "
                + "loopback address, which builds may not reach"), failed.output());
        assertTrue(remote.get(remote.size() - 1).contains(" !     Push rejected: buildpack from the BUILDPACK_URL config var "
                + "refused; nothing was built"), failed.output());
        assertTrue(failed.output().contains("[remote rejected] main -> main (buildpack refused)"), failed.output());
        assertEquals("200", get("/").get(0));
        assertTrue(get("/").get(1).contains("Hello again"), "the live release serves on");
        // the failed build is recorded, newest first, with its reason; the two that went live before it too
        String sha = shell.run(dir, "git", "rev-parse", "--short=7", "HEAD").ok().output().strip();
        List<String> builds = shell.run(dir, "paas", "builds").ok().output().lines().toList();
        assertEquals(5, builds.size(), String.join("\n", builds));
        assertTrue(builds.get(2).matches("\\S{8}  failed     " + sha + " .* buildpack refused"), builds.get(2));
        assertTrue(builds.get(3).contains(" succeeded "), builds.get(3));
        String info = shell.run(dir, "paas", "builds:info").ok().output();
        assertTrue(info.contains("=== Failure\nbuildpack refused\n"), info);
        assertTrue(info.contains(" !     Push rejected: buildpack from the BUILDPACK_URL config var refused"), info);
        // the whole output of each build is kept: the failed one's from its first line, the released one's to its release
        assertTrue(info.contains("=== Output\n-----> Building bp-multi from " + sha + "\n"), info);
        String released = shell.run(dir, "paas", "builds:info", builds.get(3).substring(0, 8)).ok().output();
        assertTrue(released.contains("=== Output\n-----> Building bp-multi from "), released);
        assertTrue(released.contains("\n-----> Buildpacks from .buildpacks\n"), released);
        assertTrue(released.matches("(?s).*\n-----> Released v\\d+\n.*\n-----> Done in [^\n]*\n"), released);

        shell.run(dir, "paas", "apps:destroy", "-a", "bp-multi", "--confirm", "bp-multi").ok();
    }

    /** Status and body (trimmed) of a GET of the app through the router. */
    private static List<String> get(String path) {
        String out = shell.run(platform.work, "curl", "-sS", "-w", "\n%{http_code}",
                "http://bp-multi.localhost:" + platform.routerPort() + path).ok().output().strip();
        int last = out.lastIndexOf('\n');
        return List.of(out.substring(last + 1).strip(), last < 0 ? "" : out.substring(0, last).strip());
    }
}
