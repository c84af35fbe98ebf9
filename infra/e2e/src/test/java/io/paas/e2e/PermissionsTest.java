package io.paas.e2e;

import io.paas.client.ControllerClient;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may push and operate an app, through the CLI and git over HTTP as users do: a stranger sees no app
 * and cannot push; a collaborator pushes and deploys but cannot destroy; a token pushes until it is
 * revoked; a disabled user is refused at once, on the API and on git pushes.
 */
class PermissionsTest {
    private static final String APP = "perm-shop";

    @Test
    void collaboratorsPushStrangersDoNotAndRevokedOrDisabledCredentialsStopAtOnce() throws Exception {
        Platform platform = Platform.get();
        Shell alice = platform.shell();
        Path aliceDir = platform.sample("static-app", "perm-alice");
        alice.run(aliceDir, "paas", "apps:create", APP).ok();
        String gitUrl = ControllerClient.JSON.readTree(alice.run(aliceDir, "paas", "apps:info", "--json").ok().output())
                .path("app").path("gitUrl").asText();

        Shell dave = platform.registerUser("dave");
        Shell.Result info = dave.run(platform.work, "paas", "apps:info", "-a", APP);
        assertNotEquals(0, info.exit());
        assertTrue(info.output().contains("no app named " + APP), info.output());
        Path daveDir = platform.work.resolve("perm-dave");
        dave.run(platform.work, "git", "clone", "-q", aliceDir.toString(), daveDir.toString()).ok();
        dave.run(daveDir, "git", "remote", "add", "paas", gitUrl).ok();
        Files.writeString(daveDir.resolve("index.html"), "<h1>dave was here</h1>\n");
        dave.run(daveDir, "git", "commit", "-qam", "dave's change").ok();
        Shell.Result refused = dave.run(daveDir, "git", "push", "paas", "main");
        assertNotEquals(0, refused.exit(), "a stranger cannot push: " + refused.output());
        assertNotEquals(200, Platform.status(platform.curl(APP)), "nothing deployed");

        alice.run(aliceDir, "paas", "perms:add", "dave").ok();
        assertTrue(alice.run(aliceDir, "paas", "perms").ok().output().contains("dave  collaborator"));
        platform.pushUntilServed(APP, daveDir, "collaborator push", "dave was here", "git", "push", "-q", "paas", "main");
        Shell.Result destroy = dave.run(daveDir, "paas", "apps:destroy", "-a", APP, "--confirm", APP);
        assertNotEquals(0, destroy.exit());
        assertTrue(destroy.output().contains("only " + APP + "'s owner"), destroy.output());

        // A token made for a script pushes until it is revoked, then fails at once.
        String made = dave.run(daveDir, "paas", "auth:token", "--json").ok().output();
        String token = ControllerClient.JSON.readTree(made).path("token").asText();
        long id = ControllerClient.JSON.readTree(made).path("id").asLong();
        String withToken = gitUrl.replace("://", "://dave:" + token + "@");
        Files.writeString(daveDir.resolve("index.html"), "<h1>pushed with a token</h1>\n");
        dave.run(daveDir, "git", "commit", "-qam", "token push").ok();
        platform.pushUntilServed(APP, daveDir, "token push", "pushed with a token", "git", "push", "-q", withToken, "main");
        dave.run(daveDir, "paas", "auth:revoke", Long.toString(id)).ok();
        dave.run(daveDir, "git", "commit", "-q", "--allow-empty", "-m", "after revoke").ok();
        Shell.Result revoked = dave.run(daveDir, "git", "push", withToken, "main");
        assertNotEquals(0, revoked.exit(), "a revoked token cannot push: " + revoked.output());

        // A disabled user: the API and pushes refuse them at once; enabled again, both work.
        alice.run(aliceDir, "paas", "users:disable", "dave").ok();
        Shell.Result apps = dave.run(daveDir, "paas", "apps");
        assertNotEquals(0, apps.exit());
        assertTrue(apps.output().contains("invalid, revoked or expired token"), apps.output());
        Shell.Result disabled = dave.run(daveDir, "git", "push", "paas", "main");
        assertNotEquals(0, disabled.exit(), "a disabled user cannot push: " + disabled.output());
        alice.run(aliceDir, "paas", "users:enable", "dave").ok();
        assertEquals(0, dave.run(daveDir, "paas", "apps").exit());
    }
}
