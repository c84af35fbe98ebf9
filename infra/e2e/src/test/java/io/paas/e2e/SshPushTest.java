package io.paas.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.paas.client.ControllerClient;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * git push over SSH with the real ssh and git clients: alice adds her key with `paas keys:add` and
 * pushes to the ssh:// remote apps:create shows; garbage and a bogus pack on the SSH channel break
 * nothing; another user's key may not push to her app, nor may anyone add her key again; a disabled
 * user's key and a removed key are refused at once.
 */
class SshPushTest {
    private static final String APP = "sshapp";

    @Test
    void aPushOverSshDeploysAndOnlyTheRightKeysMayPush() throws Exception {
        Platform platform = Platform.get();
        Path aliceKey = newKey(platform, platform.work.resolve("home/.ssh/id_ed25519"));
        Shell alice = platform.shell();

        Shell.Result added = alice.run(platform.work, "paas", "keys:add").ok();
        assertTrue(added.output().contains("Uploading SSH key " + aliceKey + ".pub... done"), added.output());
        String fingerprint = fingerprint(aliceKey);
        assertTrue(added.output().contains(fingerprint), "the fingerprint ssh-keygen -l prints: " + added.output());
        JsonNode keys = json(alice.run(platform.work, "paas", "keys", "--json").ok());
        assertEquals(fingerprint, keys.get(0).path("fingerprint").asText());

        Path dir = platform.sample("static-app", APP);
        String sshUrl = "ssh://git@127.0.0.1:" + platform.setting("PAAS_BUILDER_SSH_PORT") + "/" + APP + ".git";
        Shell.Result created = alice.run(dir, "paas", "apps:create", APP).ok();
        assertTrue(created.output().contains(sshUrl), created.output());
        assertEquals(sshUrl, json(alice.run(dir, "paas", "apps:info", "--json").ok()).path("app").path("sshUrl").asText());
        alice.run(dir, "git", "remote", "add", "ssh", sshUrl).ok();
        // her key, and a known_hosts of the test's own (accept-new: the platform's host key is new to it)
        alice.run(dir, "git", "config", "core.sshCommand", sshCommand(platform, aliceKey)).ok();
        String pushed = platform.pushUntilServed(APP, dir, "static app over ssh", "Hello from static",
                "git", "push", "ssh", "main");
        assertTrue(pushed.contains("remote: -----> "), "the build's output reaches the ssh client: " + pushed);

        // garbage, then a pack that is not one: each session ends, and the next push deploys
        Path garbage = platform.work.resolve("ssh-garbage");
        Files.writeString(garbage, "this is not git at all\n".repeat(200));
        Shell.Result noise = alice.run(platform.work, "sh", "-c", receivePack(platform, aliceKey) + " < " + garbage);
        assertNotEquals(0, noise.exit(), noise.output());
        Path bogus = platform.work.resolve("ssh-bogus-pack");
        Files.write(bogus, bogusPack());
        Shell.Result bogusPush = alice.run(platform.work, "sh", "-c", receivePack(platform, aliceKey) + " < " + bogus);
        assertTrue(bogusPush.output().contains("unpack") && !bogusPush.output().contains("ok refs/heads/main"),
                bogusPush.output());
        Files.writeString(dir.resolve("index.html"), "<h1>Second over ssh</h1>\n");
        platform.commitAll(dir, "second");
        platform.pushUntilServed(APP, dir, "second push over ssh", "Second over ssh", "git", "push", "ssh", "main");
        int releases = json(alice.run(dir, "paas", "releases", "--json").ok()).size();

        // another user's key: refused with the same answer as over HTTP, nothing deployed
        Shell mallory = platform.registerUser("sshmallory");
        Path malloryKey = newKey(platform, platform.work.resolve("home-sshmallory/.ssh/id_ed25519"));
        mallory.run(platform.work, "paas", "keys:add").ok();
        Shell.Result stolen = mallory.run(platform.work, "paas", "keys:add", aliceKey + ".pub");
        assertNotEquals(0, stolen.exit());
        assertTrue(stolen.output().contains("already in use") && !stolen.output().contains("alice"), stolen.output());
        Files.writeString(dir.resolve("index.html"), "<h1>Mallory was here</h1>\n");
        platform.commitAll(dir, "mallory");
        Shell.Result refused = mallory.run(dir, "git", "-c", "core.sshCommand=" + sshCommand(platform, malloryKey),
                "push", "ssh", "main");
        assertNotEquals(0, refused.exit(), refused.output());
        assertTrue(refused.output().contains("paas: sshmallory may not push to app " + APP)
                || refused.output().contains("paas: app " + APP + " does not exist"), refused.output());
        assertEquals(releases, json(alice.run(dir, "paas", "releases", "--json").ok()).size(), "no new release");
        assertTrue(platform.curl(APP).output().contains("Second over ssh"));

        // a disabled user's key stops at once: mallory reaches her own app over SSH, then not once disabled
        mallory.run(platform.work, "paas", "apps:create", "sshmallory-app", "--no-remote").ok();
        String malloryUrl = "ssh://git@127.0.0.1:" + platform.setting("PAAS_BUILDER_SSH_PORT") + "/sshmallory-app.git";
        String asMallory = "core.sshCommand=" + sshCommand(platform, malloryKey);
        mallory.run(platform.work, "git", "-c", asMallory, "ls-remote", malloryUrl).ok();
        alice.run(platform.work, "paas", "users:disable", "sshmallory").ok();
        Shell.Result disabled = mallory.run(platform.work, "git", "-c", asMallory, "ls-remote", malloryUrl);
        assertNotEquals(0, disabled.exit(), disabled.output());
        assertTrue(disabled.output().contains("Permission denied (publickey)"), disabled.output());

        // a removed key no longer logs in
        alice.run(platform.work, "paas", "keys:remove", fingerprint).ok();
        Shell.Result removed = alice.run(dir, "git", "push", "ssh", "main");
        assertNotEquals(0, removed.exit(), removed.output());
        assertTrue(removed.output().contains("Permission denied (publickey)"), removed.output());
        assertFalse(platform.curl(APP).output().contains("Mallory"));
        assertEquals(releases, json(alice.run(dir, "paas", "releases", "--json").ok()).size(), "no new release");
    }

    private static String sshCommand(Platform platform, Path key) {
        return "ssh -i " + key + " -o IdentitiesOnly=yes -o BatchMode=yes -o LogLevel=ERROR"
                + " -o UserKnownHostsFile=" + platform.work.resolve("ssh_known_hosts")
                + " -o StrictHostKeyChecking=accept-new";
    }

    /** git-receive-pack of the app run by hand over ssh, its input a file the caller redirects. */
    private static String receivePack(Platform platform, Path key) {
        return sshCommand(platform, key) + " -p " + platform.setting("PAAS_BUILDER_SSH_PORT")
                + " git@127.0.0.1 \"git-receive-pack '/" + APP + ".git'\"";
    }

    /** An update of main followed by "PACK" and bytes that are no objects. */
    private static byte[] bogusPack() {
        String command = "0".repeat(40) + " " + "ab".repeat(20) + " refs/heads/main\0report-status\n";
        ByteArrayOutputStream pack = new ByteArrayOutputStream();
        pack.writeBytes(String.format("%04x", command.length() + 4).getBytes(StandardCharsets.US_ASCII));
        pack.writeBytes(command.getBytes(StandardCharsets.US_ASCII));
        pack.writeBytes("0000PACK".getBytes(StandardCharsets.US_ASCII));
        pack.writeBytes(new byte[] {0, 0, 0, 2, 0, 0, 0, 3});
        pack.writeBytes("not an object, nor a checksum".repeat(50).getBytes(StandardCharsets.US_ASCII));
        return pack.toByteArray();
    }

    private static Path newKey(Platform platform, Path key) throws Exception {
        Files.createDirectories(key.getParent());
        platform.shell().run(platform.work, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "e2e", "-f",
                key.toString()).ok();
        return key;
    }

    /** SHA256:... as ssh-keygen -l prints it. */
    private static String fingerprint(Path key) {
        String line = Platform.get().shell().run(Platform.get().work, "ssh-keygen", "-l", "-E", "sha256", "-f",
                key + ".pub").ok().output();
        return line.split(" ")[1];
    }

    private static JsonNode json(Shell.Result result) throws Exception {
        return ControllerClient.JSON.readTree(result.output());
    }
}
