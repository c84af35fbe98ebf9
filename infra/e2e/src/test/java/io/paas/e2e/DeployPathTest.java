package io.paas.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The deploy path as a user walks it: a private platform started by infra/platform.sh on free ports,
 * driven by the real paas and git commands, apps reached through the router with curl.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployPathTest {
    private static Platform platform;
    private static Shell shell;
    private static Path work;

    @BeforeAll
    static void startPlatform() {
        platform = Platform.get();
        shell = platform.shell();
        work = platform.work;
    }

    private static Path sample(String name) {
        return platform.sample(name, name);
    }

    private static Shell.Result curl(String app) {
        return platform.curl(app);
    }

    private static int status(Shell.Result curl) {
        return Platform.status(curl);
    }

    private static int podmanCount(String app) {
        return platform.running(app);
    }

    private static String setting(String name) {
        return platform.setting(name);
    }

    @Test
    @Order(1)
    void badInputGetsClearErrors() throws IOException {
        Shell.Result wrong = shell.run(work, "paas", "login", platform.controllerUrl(), "--username", "alice", "--password", "wrong-pass");
        assertEquals(1, wrong.exit());
        assertTrue(wrong.output().contains("wrong username or password"), wrong.output());
        assertTrue(!wrong.output().contains("Exception"), wrong.output());

        Shell.Result invalid = shell.run(work, "paas", "apps:create", "Bad_Name");
        assertEquals(1, invalid.exit());
        assertTrue(invalid.output().contains("invalid app name"), invalid.output());

        // --json answers what the controller stored, creation time included (it was null)
        String created = shell.run(work, "paas", "apps:create", "dupe-app", "--no-remote", "--json").ok().output();
        assertTrue(created.matches("(?s).*\"createdAt\" ?: ?\"20\\d\\d-\\d\\d-\\d\\dT.*"), created);
        Shell.Result duplicate = shell.run(work, "paas", "apps:create", "dupe-app", "--no-remote");
        assertEquals(1, duplicate.exit());
        assertTrue(duplicate.output().contains("already exists"), duplicate.output());
        Shell.Result apps = shell.run(work, "paas", "apps").ok();
        assertEquals(1, apps.output().lines().filter(l -> l.contains("dupe-app")).count(), apps.output());
    }

    @Test
    @Order(2)
    void pushWithoutCredentialsIsRefused() throws IOException {
        Path dir = sample("static-app");
        shell.run(dir, "paas", "apps:create", "hello-static").ok();
        // A user without the credential helper (another HOME) cannot push.
        Path strangerHome = Files.createDirectories(work.resolve("stranger"));
        Shell.Result push = shell.copy().env("HOME", strangerHome.toString())
                .run(dir, "git", "push", "paas", "main");
        assertNotEquals(0, push.exit());
        // The builder answered 401: git wanted a username and had none to give.
        assertTrue(push.output().contains("could not read Username"), push.output());
        // A wrong token is refused by the builder, after asking the controller.
        String gitUrl = "http://alice:not-the-token@127.0.0.1:" + setting("PAAS_BUILDER_PORT") + "/hello-static.git";
        Shell.Result wrongToken = shell.copy().env("HOME", strangerHome.toString()).run(dir, "git", "push", gitUrl, "main");
        assertNotEquals(0, wrongToken.exit());
        assertTrue(wrongToken.output().contains("Authentication failed"), wrongToken.output());
        assertEquals(0, podmanCount("hello-static"));
    }

    @Test
    @Order(3)
    void staticSiteIsBuiltAndServed() {
        Path dir = work.resolve("static-app");
        Shell.Result push = shell.run(dir, "git", "push", "paas", "main").ok();
        assertTrue(push.output().contains("remote: -----> "), push.output());
        Shell.Result page = curl("hello-static");
        assertEquals(200, status(page), page.output());
        assertTrue(page.output().contains("Hello from static"), page.output());
    }

    @Test
    @Order(4)
    void nodeAppIsBuiltServedConfiguredAndScaled() throws IOException {
        Path dir = sample("node-app");
        shell.run(dir, "paas", "apps:create", "hello-node").ok();
        Shell.Result push = shell.run(dir, "git", "push", "paas", "main").ok();
        assertTrue(push.output().contains("remote: "), push.output());
        Shell.Result page = curl("hello-node");
        assertEquals(200, status(page), page.output());
        assertTrue(page.output().contains("Hello from node"), page.output());
        assertTrue(page.output().contains("GREETING=unset"), page.output());

        shell.run(dir, "paas", "config:set", "GREETING=hi").ok();
        Shell.Result configured = curl("hello-node");
        assertTrue(configured.output().contains("GREETING=hi"), configured.output());
        assertTrue(shell.run(dir, "paas", "config").ok().output().contains("GREETING"));

        shell.run(dir, "paas", "scale", "web=2").ok();
        Set<String> hosts = new HashSet<>();
        Pattern host = Pattern.compile("host=(\\S+)");
        for (int i = 0; i < 8; i++) {
            Matcher m = host.matcher(curl("hello-node").output());
            if (m.find()) {
                hosts.add(m.group(1));
            }
        }
        assertEquals(2, hosts.size(), "two containers answer in turn: " + hosts);
        assertEquals(2, podmanCount("hello-node"));
        Shell.Result ps = shell.run(dir, "paas", "ps").ok();
        assertTrue(ps.output().contains("web.1") && ps.output().contains("web.2"), ps.output());

        Shell.Result unknown = shell.run(dir, "paas", "scale", "clock=1");
        assertEquals(1, unknown.exit());
        assertTrue(unknown.output().contains("no process type 'clock'"), unknown.output());
        assertEquals(2, podmanCount("hello-node"));

        Shell.Result releases = shell.run(dir, "paas", "releases").ok();
        for (String version : new String[] {"v1", "v2", "v3"}) {
            assertTrue(releases.output().contains(version), releases.output());
        }
        assertTrue(releases.output().contains("alice set GREETING"), releases.output());
    }

    @Test
    @Order(5)
    void destroyedAppIsGone() {
        assertTrue(podmanCount("hello-static") > 0);
        Shell.Result refused = shell.run(work, "paas", "apps:destroy", "-a", "hello-static");
        assertNotEquals(0, refused.exit());
        assertTrue(podmanCount("hello-static") > 0);
        shell.run(work, "paas", "apps:destroy", "-a", "hello-static", "--confirm", "hello-static").ok();
        assertEquals(0, podmanCount("hello-static"));
        assertEquals(404, status(curl("hello-static")));
        assertTrue(!shell.run(work, "paas", "apps").ok().output().contains("hello-static"));
    }
}
