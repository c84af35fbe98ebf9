package io.paas.e2e;

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
 * An app with a Dockerfile, pushed with git: built by the platform's engine, its own CMD run as web
 * on its EXPOSEd port, reached through the router with a config var; a failed build leaves it serving.
 */
class DockerfileAppTest {
    private static Platform platform;
    private static Shell shell;

    @BeforeAll
    static void startPlatform() {
        platform = Platform.get();
        shell = platform.shell();
    }

    @Test
    void dockerfileAppServesOnItsExposedPortAndAFailedBuildLeavesItServing() throws IOException {
        Path dir = platform.sample("dockerfile-app", "docker-web");
        shell.run(dir, "paas", "apps:create", "docker-web").ok();
        shell.run(dir, "paas", "config:set", "GREETING=grüße from config").ok();
        long pushed = System.nanoTime();
        String push = shell.run(dir, "git", "push", "paas", "main").ok().output();
        System.out.printf("[dockerfile] push to live: %d ms%n", (System.nanoTime() - pushed) / 1_000_000);
        assertTrue(push.contains("remote: -----> Building Dockerfile"), push);
        assertTrue(push.contains("remote:        STEP 1/"), "the engine's own output, live: " + push);
        assertTrue(push.contains("remote:        web listens on its EXPOSEd port 8080 ($PORT)"), push);
        assertTrue(push.contains("remote: -----> Released v"), push);

        assertEquals(List.of("200", "Hello from a Dockerfile: grüße from config"), get("/"));
        assertEquals("200", get("/about.html").get(0));
        assertEquals("404", get("/drafts/secret.html").get(0), ".dockerignore kept it out of the image");
        String ps = shell.run(dir, "paas", "ps").ok().output();
        assertTrue(ps.contains("web.1"), ps);

        // a RUN that fails: the push is refused with the reason last, and v-current keeps serving
        Path dockerfile = dir.resolve("Dockerfile");
        Files.writeString(dockerfile, Files.readString(dockerfile) + "RUN echo checking the build && false\n");
        platform.commitAll(dir, "a step that fails");
        Shell.Result failed = shell.run(dir, "git", "push", "paas", "main");
        assertNotEquals(0, failed.exit(), failed.output());
        assertTrue(failed.output().contains("remote:        checking the build"), failed.output());
        List<String> remote = failed.output().lines().filter(line -> line.startsWith("remote:")).toList();
        assertTrue(remote.get(remote.size() - 1).contains(" !     Push rejected: the Dockerfile build failed"),
                failed.output());
        assertTrue(remote.get(remote.size() - 2).contains("exit status 1"), failed.output());
        assertTrue(failed.output().contains("[remote rejected] main -> main (Dockerfile build failed)"),
                failed.output());
        assertEquals(List.of("200", "Hello from a Dockerfile: grüße from config"), get("/"));

        // the engine keeps built images as the next build's cache: this run's go with its app
        shell.run(dir, "paas", "apps:destroy", "-a", "docker-web", "--confirm", "docker-web").ok();
        String images = shell.run(platform.work, "podman", "images", "-q", "--filter", "label=paas.platform="
                + platform.platformId, "--filter", "label=paas.app=docker-web").ok().output().strip();
        for (String image : images.lines().distinct().toList()) {
            shell.run(platform.work, "podman", "rmi", "--force", image);
        }
    }

    /** Status and body (trimmed) of a GET of the app through the router. */
    private static List<String> get(String path) {
        String out = shell.run(platform.work, "curl", "-sS", "-w", "\n%{http_code}",
                "http://docker-web.localhost:" + platform.routerPort() + path).ok().output().strip();
        int last = out.lastIndexOf('\n');
        return List.of(out.substring(last + 1).strip(), last < 0 ? "" : out.substring(0, last).strip());
    }
}
