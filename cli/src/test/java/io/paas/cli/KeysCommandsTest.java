package io.paas.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeysCommandsTest extends LoggedInCliTest {
    private static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHq0Gk0yZ8Yk3q2c0a6yZm4pJ5bq7x8bqvY2mQ1o2uXh alice@laptop";
    private static final String ADDED = "{\"id\":\"7\",\"fingerprint\":\"SHA256:abc/def+ghi\",\"type\":\"ssh-ed25519\","
            + "\"comment\":\"alice@laptop\",\"createdAt\":\"2026-12-05T10:00:00.5Z\"}";

    @Override
    FakeController answers(FakeController fake) {
        return fake
                .answer("GET /v2/keys", 200, "[" + ADDED + "]")
                .answer("POST /v2/keys", 201, ADDED)
                .answer("DELETE /v2/keys/SHA256:abc%2Fdef%2Bghi", 204, "")
                .answer("DELETE /v2/keys/7", 204, "");
    }

    private Path ssh() throws Exception {
        return Files.createDirectories(Path.of(cli.env.get("HOME"), ".ssh"));
    }

    @Test
    void keysAddSendsTheFirstDefaultPublicKey() throws Exception {
        Files.writeString(ssh().resolve("id_ecdsa.pub"), "ecdsa-sha2-nistp256 AAAA second\n");
        Files.writeString(ssh().resolve("id_ed25519.pub"), KEY + "\n");
        Files.writeString(ssh().resolve("id_ed25519"), "-----BEGIN OPENSSH PRIVATE KEY-----\nsecret\n");

        CliHarness.Result result = cli.run("keys:add");

        assertEquals(0, result.exitCode(), result.err());
        assertEquals("Uploading SSH key " + ssh().resolve("id_ed25519.pub") + "... done\n"
                + "SHA256:abc/def+ghi (ssh-ed25519, alice@laptop), id 7\n", result.out());
        assertEquals("{\"key\":\"" + KEY + "\"}", controller.last("POST", "/v2/keys").body());
    }

    @Test
    void keysAddNeverSendsAPrivateKey() throws Exception {
        Files.writeString(ssh().resolve("id_ed25519"), "-----BEGIN OPENSSH PRIVATE KEY-----\nsecret\n");
        Files.writeString(ssh().resolve("id_ed25519.pub"), KEY + "\n");
        Files.writeString(cli.workDir.resolve("lonely"), "-----BEGIN OPENSSH PRIVATE KEY-----\nsecret\n");

        CliHarness.Result byName = cli.run("keys:add", ssh().resolve("id_ed25519").toString());
        assertEquals(2, byName.exitCode());
        assertTrue(byName.err().contains("is a private key: give its public key"), byName.err());

        CliHarness.Result byContent = cli.run("keys:add", "lonely");
        assertEquals(2, byContent.exitCode());
        assertTrue(byContent.err().contains("is not an SSH public key (it looks like a private key"), byContent.err());
        assertTrue(controller.requests.isEmpty(), "nothing was sent");
    }

    @Test
    void appsInfoAndCreateShowTheSshRemote() {
        String app = AppsCommandsTest.APP.replace("}", ",\"sshUrl\":\"ssh://git@127.0.0.1:7102/myapp.git\"}");
        controller.answer("GET /v2/apps/myapp", 200, "{\"app\":" + app + ",\"formation\":{},\"processes\":[]}")
                .answer("POST /v2/apps", 201, app);
        CliHarness.Result info = cli.run("apps:info", "-a", "myapp");
        assertTrue(info.out().contains("SSH Git URL: ssh://git@127.0.0.1:7102/myapp.git\n"), info.out());
        CliHarness.Result created = cli.run("apps:create", "myapp", "--no-remote");
        assertTrue(created.out().contains("git over SSH (after paas keys:add): ssh://git@127.0.0.1:7102/myapp.git\n"),
                created.out());
    }

    @Test
    void keysAddWithoutAnyKeySaysHowToMakeOne() {
        CliHarness.Result result = cli.run("keys:add");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("make one with ssh-keygen -t ed25519"), result.err());
    }

    @Test
    void keysListsAndRemovesByFingerprintOrId() {
        CliHarness.Result list = cli.run("keys");
        assertEquals(0, list.exitCode(), list.err());
        assertEquals("=== SSH Keys\n"
                + "ID  FINGERPRINT         TYPE         COMMENT       ADDED\n"
                + "7   SHA256:abc/def+ghi  ssh-ed25519  alice@laptop  2026-12-05T10:00:00Z\n", list.out());
        assertTrue(cli.run("keys", "--json").out().contains("\"fingerprint\" : \"SHA256:abc/def+ghi\""));

        CliHarness.Result byFingerprint = cli.run("keys:remove", "SHA256:abc/def+ghi");
        assertEquals(0, byFingerprint.exitCode(), byFingerprint.err());
        assertEquals("Removing SSH key SHA256:abc/def+ghi... done\n", byFingerprint.out());
        assertEquals(0, cli.run("keys:remove", "7").exitCode());
        assertTrue(cli.run("keys:remove", "--help").out().contains("ID|FINGERPRINT"));
    }
}
