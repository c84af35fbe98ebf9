package io.paas.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A Dockerfile app whose Procfile overrides CMD (release phase included), web's port chosen with
 * ports:set, the same image deployed as a prebuilt image to another app (pinned by digest, with its
 * own config and --procfile), and the images a user may not reach refused: another user's app image
 * by deploy:image and by a Dockerfile's FROM, and registries at the platform's own addresses.
 */
class DockerImagesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP = "docker-proc";
    private static final String IMAGE_APP = "docker-prebuilt";
    private static Platform platform;
    private static Shell shell;

    @BeforeAll
    static void startPlatform() {
        platform = Platform.get();
        shell = platform.shell();
    }

    @Test
    void procfileOverridesCmdPortsAreChosenAndPrebuiltImagesDeployWithinWhatTheUserMayReach() throws IOException {
        Path dir = platform.sample("dockerfile-procfile-app", APP);
        shell.run(dir, "paas", "apps:create", APP).ok();
        shell.run(dir, "paas", "config:set", "GREETING=hola").ok();
        String push = platform.pushUntilServed(APP, dir, "[dockerfile+Procfile]", "Procfile web: hola on port 8080",
                "git", "push", "paas", "main");
        assertTrue(push.contains("remote:        Procfile: web, release run through /bin/sh -c in the image "
                + "(web instead of its CMD)"), push);

        // release: runs before each release goes live; while it refuses, the previous release serves
        Shell.Result blocked = shell.run(dir, "paas", "config:set", "RELEASE_BLOCKED=freeze");
        assertNotEquals(0, blocked.exit(), blocked.output());
        assertTrue(blocked.output().contains("exited with status 1"), blocked.output());
        assertTrue(blocked.output().contains("release phase refuses v4: RELEASE_BLOCKED=freeze"), blocked.output());
        assertTrue(platform.curl(APP).output().contains("Procfile web: hola on port 8080"), "v3 keeps serving");

        // ports:set (Dokku's form): web's PORT and the router's target; ports:clear goes back to EXPOSE
        shell.run(dir, "paas", "ports:set", "http:80:9000").ok();
        assertEquals(List.of("200", "Procfile web: hola on port 9000"), get(APP));
        assertTrue(shell.run(dir, "paas", "ports").ok().output().contains("http:80:9000  (set with paas ports:set"));
        Shell.Result badPort = shell.run(dir, "paas", "ports:set", "http:8080:9000");
        assertNotEquals(0, badPort.exit());
        assertTrue(badPort.output().contains("the router owns the outside ports"), badPort.output());
        shell.run(dir, "paas", "ports:clear").ok();
        assertEquals(List.of("200", "Procfile web: hola on port 8080"), get(APP));
        assertTrue(shell.run(dir, "paas", "ports").ok().output().contains("http:80:8080  (the lowest TCP port the image EXPOSEs)"));

        // the app's image, by tag, deployed to another app of alice's: pinned, its own config and Procfile
        String id = json(shell.run(dir, "paas", "apps:info", "--json").ok()).path("app").path("id").asText();
        String registry = "127.0.0.1:" + platform.setting("PAAS_REGISTRY_PORT");
        String tag = tagOf(id);
        shell.run(platform.work, "paas", "apps:create", IMAGE_APP, "--no-remote").ok();
        shell.run(platform.work, "paas", "config:set", "-a", IMAGE_APP, "GREETING=prebuilt").ok();
        Path procfile = platform.work.resolve("Procfile.prebuilt");
        Files.writeString(procfile, "web: echo \"deployed as an image: $GREETING\" > /srv/www/index.html "
                + "&& exec busybox httpd -f -p $PORT -h /srv/www\n");
        String deployed = shell.run(platform.work, "paas", "deploy:image", registry + "/" + id + ":" + tag,
                "--procfile", procfile.toString(), "-a", IMAGE_APP).ok().output();
        assertTrue(deployed.contains(registry + "/" + id + "@sha256:"), "pinned by digest: " + deployed);
        assertEquals(List.of("200", "deployed as an image: prebuilt"), get(IMAGE_APP));
        String releaseImage = json(shell.run(platform.work, "paas", "apps:info", "-a", IMAGE_APP, "--json").ok())
                .path("release").path("image").asText();
        assertTrue(releaseImage.matches("\\Q" + registry + "/" + id + "\\E@sha256:[0-9a-f]{64}"), releaseImage);

        // another user reaches none of it: not by deploy:image, not by FROM, nor through loopback names
        Shell mallory = platform.registerUser("mallory");
        mallory.run(platform.work, "paas", "apps:create", "mallory-app", "--no-remote").ok();
        Shell.Result stolen = mallory.run(platform.work, "paas", "deploy:image", registry + "/" + id + ":" + tag,
                "-a", "mallory-app");
        assertNotEquals(0, stolen.exit(), stolen.output());
        assertTrue(stolen.output().contains("is in the platform registry under an app you cannot deploy"), stolen.output());
        Shell.Result byOtherName = mallory.run(platform.work, "paas", "deploy:image", "localhost:"
                + platform.setting("PAAS_REGISTRY_PORT") + "/" + id + ":" + tag, "-a", "mallory-app");
        assertTrue(byOtherName.output().contains("under an app you cannot deploy"), byOtherName.output());
        for (String internal : List.of("127.0.0.1:9/some/image:1", "169.254.169.254/latest:1", "localhost/x")) {
            Shell.Result refused = mallory.run(platform.work, "paas", "deploy:image", internal, "-a", "mallory-app");
            assertNotEquals(0, refused.exit(), refused.output());
            assertTrue(refused.output().contains("an address of the platform itself"), internal + ": " + refused.output());
        }
        String gitUrl = json(mallory.run(platform.work, "paas", "apps:info", "-a", "mallory-app", "--json").ok())
                .path("app").path("gitUrl").asText();
        Path from = Files.createDirectories(platform.work.resolve("mallory-from"));
        Files.writeString(from.resolve("Dockerfile"), "FROM " + registry + "/" + id + ":" + tag + "\nRUN cat /srv/www/index.html\n");
        mallory.run(from, "git", "init", "-q", "-b", "main").ok();
        mallory.run(from, "git", "add", "-A").ok();
        mallory.run(from, "git", "commit", "-q", "-m", "take alice's image").ok();
        Shell.Result fromPush = mallory.run(from, "git", "push", gitUrl, "main");
        assertNotEquals(0, fromPush.exit(), fromPush.output());
        assertTrue(fromPush.output().contains("under an app you cannot deploy"), fromPush.output());
        assertTrue(fromPush.output().contains("Push rejected: the Dockerfile names an image this app may not use"),
                fromPush.output());
        assertFalse(fromPush.output().contains("STEP 1/"), "the engine never saw it: " + fromPush.output());

        for (String app : List.of(APP, IMAGE_APP)) {
            shell.run(platform.work, "paas", "apps:destroy", "-a", app, "--confirm", app).ok();
        }
        mallory.run(platform.work, "paas", "apps:destroy", "-a", "mallory-app", "--confirm", "mallory-app").ok();
    }

    /** A release tag (vN) of the app's registry repository. */
    private static String tagOf(String id) throws IOException {
        for (JsonNode tag : JSON.readTree(platform.registry(id + "/tags/list")).path("tags")) {
            if (tag.asText().startsWith("v")) {
                return tag.asText();
            }
        }
        throw new AssertionError("no release tag in " + platform.registry(id + "/tags/list"));
    }

    private static JsonNode json(Shell.Result result) throws IOException {
        return JSON.readTree(result.output());
    }

    /** Status and body (trimmed) of a GET of the app through the router. */
    private static List<String> get(String app) {
        String out = platform.curl(app).output().strip();
        int last = out.lastIndexOf('\n');
        return List.of(out.substring(last + 1).strip(), last < 0 ? "" : out.substring(0, last).strip());
    }
}
