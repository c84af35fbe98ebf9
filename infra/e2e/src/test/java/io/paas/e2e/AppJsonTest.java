package io.paas.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An app.json pushed with the app, as a user sees it: its health check (content included) passes
 * and its formation starts two web processes on the first deploy; then a check the new release
 * fails rejects the push, saying why in its last lines, and the old release keeps serving; an
 * app.json with a mistake fails the push naming the field.
 */
class AppJsonTest {
    private static final String APP = "appjson";

    @Test
    void appJsonHealthChecksGateThePushAndFormationScalesTheFirstDeploy() throws IOException {
        Platform platform = Platform.get();
        Shell shell = platform.shell();
        Path dir = platform.sample("static-app", APP);
        Files.writeString(dir.resolve("app.json"), appJson("A second page"));
        platform.commitAll(dir, "app.json");
        shell.run(dir, "paas", "apps:create", APP).ok();

        String push = platform.pushUntilServed(APP, dir, "AppJsonTest: first push", "Hello from static",
                "git", "push", "paas", "main");
        assertTrue(push.contains("remote: -----> Reading app.json"), push);
        assertTrue(push.contains("remote:        health check of web: GET /about.html answering \"A second page\", 2 attempts"), push);
        assertTrue(push.contains("remote:        formation of the first deploy: web=2"), push);
        assertEquals(2, platform.running(APP), "app.json's formation: two web processes");
        String checks = shell.run(dir, "paas", "healthchecks").ok().output();
        assertTrue(checks.contains("HTTP GET /about.html"), checks);

        Path index = dir.resolve("index.html");
        Files.writeString(index, Files.readString(index).replace("Hello from static", "Hello from v3"));
        Files.writeString(dir.resolve("app.json"), appJson("a sentence that is not on the page"));
        platform.commitAll(dir, "a check this release fails");
        Shell.Result rejected = shell.run(dir, "git", "push", "paas", "main");
        assertNotEquals(0, rejected.exit(), rejected.output());
        List<String> remote = rejected.output().lines().filter(l -> l.startsWith("remote:")).toList();
        String last = String.join("\n", remote.subList(Math.max(0, remote.size() - 3), remote.size()));
        assertTrue(last.contains("health check GET /about.html failed 2 attempts (last: HTTP 200 without "
                + "\"a sentence that is not on the page\""), rejected.output());
        assertTrue(rejected.output().contains("! [remote rejected] main -> main"), rejected.output());
        Shell.Result served = platform.curl(APP);
        assertEquals(200, Platform.status(served));
        assertTrue(served.output().contains("Hello from static"), "the previous release keeps serving: " + served.output());
        assertEquals(2, platform.running(APP), "the previous release's processes keep running");

        // an app.json paas cannot use fails the push before anything is built, naming the field
        Files.writeString(dir.resolve("app.json"), appJson("A second page").replace("\"attempts\": 2", "\"attempts\": \"two\""));
        platform.commitAll(dir, "a typo in app.json");
        Shell.Result invalid = shell.run(dir, "git", "push", "paas", "main");
        assertNotEquals(0, invalid.exit(), invalid.output());
        assertTrue(invalid.output().contains("remote:  !     app.json: healthchecks.web[0].attempts must be a whole number "
                + "from 1 to 60, not \"two\""), invalid.output());
        assertTrue(invalid.output().contains("! [remote rejected] main -> main (app.json: healthchecks.web[0].attempts"),
                invalid.output());
        assertTrue(platform.curl(APP).output().contains("Hello from static"), "the previous release keeps serving");
    }

    /** A Dokku-style app.json with comments and fields for other tools, which paas ignores. */
    private static String appJson(String content) {
        return """
                {
                  // Heroku's and Dokku's fields side by side
                  "name": "appjson sample",
                  "buildpacks": [{"url": "https://github.com/heroku/heroku-buildpack-static"}],
                  "addons": ["heroku-postgresql"],
                  "env": {"GREETING": {"value": "hi"}},
                  "scripts": {"postdeploy": "echo deployed"},
                  "formation": {"web": {"quantity": 2}},
                  "healthchecks": {
                    "web": [{"type": "startup", "name": "about page", "path": "/about.html",
                             "content": "%s", "attempts": 2, "timeout": 3, "wait": 1}]
                  }
                }
                """.formatted(content);
    }
}
