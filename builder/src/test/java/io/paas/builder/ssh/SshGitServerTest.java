package io.paas.builder.ssh;

import io.paas.builder.build.BuildQueue;
import io.paas.engine.RegistryClient;
import io.paas.builder.metrics.BuilderMetrics;
import io.paas.builder.stores.AppStores;
import io.paas.builder.testkit.BogusPack;
import io.paas.builder.testkit.FakeController;
import io.paas.builder.testkit.GitClient;
import io.paas.client.ControllerClient;
import io.paas.client.prometheus.PrometheusText;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** git over SSH with the real ssh and git clients: keys, refusals, and garbage on the channel. */
class SshGitServerTest {
    @TempDir
    Path tmp;

    private FakeController controller;
    private AppStores stores;
    private SshGitServer server;
    private GitClient git;
    private Path work;
    private Path aliceKey;
    private final BuilderMetrics metrics = new BuilderMetrics();

    @BeforeEach
    void start() throws Exception {
        controller = new FakeController();
        stores = new AppStores(tmp.resolve("git"), tmp.resolve("cache"), tmp.resolve("builds"), tmp.resolve("images"),
                new RegistryClient("127.0.0.1:1"));
        server = startServer(0);
        aliceKey = newKey("alice");
        controller.keys.put(fingerprint(aliceKey), "alice");
        git = new GitClient(tmp.resolve("home")).env("GIT_SSH_COMMAND", sshCommand(aliceKey));
        work = git.repoWith(tmp.resolve("work"), Map.of("index.html", "<h1>hi</h1>\n"));
    }

    private SshGitServer startServer(int port) throws Exception {
        return startServer(port, 1L << 30);
    }

    private SshGitServer startServer(int port, long maxPackBytes) throws Exception {
        return new SshGitServer("127.0.0.1", port, tmp.resolve("data/builder/ssh/host-key"),
                new ControllerClient(controller.url(), "service-secret"),
                new BuildQueue((request, out) -> out.line("-----> built " + request.app() + " for " + request.username()), 1),
                stores, maxPackBytes, metrics).start();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        controller.close();
    }

    private String url(String path) {
        return "ssh://git@127.0.0.1:" + server.port() + path;
    }

    @Test
    void aPushOverSshBuildsWithTheKeysOwnerAndTheHostKeyOutlivesARestart() throws Exception {
        GitClient.Result push = git.run(work, line -> { }, "push", url("/myapp.git"), "HEAD:main");
        assertEquals(0, push.exitCode(), push.output());
        assertTrue(push.output().contains("remote: -----> built myapp for alice"), push.output());
        PrometheusText figures = new PrometheusText();
        metrics.writeTo(figures, 0, 0);
        assertTrue(figures.toString().contains("paas_builder_git_pushes_total{transport=\"ssh\"} 1\n"), figures.toString());
        Path repository = tmp.resolve("git/" + controller.idOf("myapp") + ".git");
        assertTrue(Files.exists(repository.resolve("refs/heads/main")) || Files.exists(repository.resolve("packed-refs")));
        GitClient.Result fetch = git.run(work, line -> { }, "ls-remote", url("/myapp.git"));
        assertEquals(0, fetch.exitCode(), fetch.output());
        assertTrue(fetch.output().contains("refs/heads/main"), fetch.output());

        Path hostKey = tmp.resolve("data/builder/ssh/host-key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(hostKey)));
        byte[] before = Files.readAllBytes(hostKey);
        int port = server.port();
        server.close();
        server = startServer(port);
        assertEquals(List.of(before.length), List.of(Files.readAllBytes(hostKey).length));
        // the client's known_hosts entry (accepted at the first push) still matches: strict checking passes
        GitClient strict = new GitClient(tmp.resolve("home"))
                .env("GIT_SSH_COMMAND", sshCommand(aliceKey).replace("accept-new", "yes"));
        GitClient.Result again = strict.run(work, line -> { }, "ls-remote", url("/myapp.git"));
        assertEquals(0, again.exitCode(), again.output());
    }

    @Test
    void keysAndPathsThatMayNotPushAreRefusedClearly() throws Exception {
        Path bobKey = newKey("bob");
        controller.keys.put(fingerprint(bobKey), "bob");
        GitClient bob = new GitClient(tmp.resolve("home-bob")).env("GIT_SSH_COMMAND", sshCommand(bobKey));
        GitClient.Result refused = bob.run(work, line -> { }, "push", url("/myapp.git"), "HEAD:main");
        assertNotEquals(0, refused.exitCode());
        assertTrue(refused.output().contains("paas: bob may not push to app myapp"), refused.output());

        GitClient stranger = new GitClient(tmp.resolve("home-eve")).env("GIT_SSH_COMMAND", sshCommand(newKey("eve")));
        GitClient.Result unknownKey = stranger.run(work, line -> { }, "push", url("/myapp.git"), "HEAD:main");
        assertNotEquals(0, unknownKey.exitCode());
        assertTrue(unknownKey.output().contains("Permission denied (publickey)"), unknownKey.output());

        for (String path : List.of("/../myapp.git", "/etc/passwd", "/myapp.git/../x.git", "//srv/myapp.git")) {
            GitClient.Result bad = git.run(work, line -> { }, "push", url(path), "HEAD:main");
            assertNotEquals(0, bad.exitCode(), path);
            assertTrue(bad.output().contains("paas: not a paas app repository"), path + ": " + bad.output());
        }
        GitClient.Result unknown = git.run(work, line -> { }, "push", url("/unknown.git"), "HEAD:main");
        assertTrue(unknown.output().contains("paas: app unknown does not exist"), unknown.output());

        // a key removed after the client logged in is refused at its next command
        controller.keys.remove(fingerprint(aliceKey));
        GitClient.Result removed = git.run(work, line -> { }, "push", url("/myapp.git"), "HEAD:main");
        assertNotEquals(0, removed.exitCode());
        assertTrue(Files.notExists(tmp.resolve("git/" + controller.idOf("myapp") + ".git/refs/heads/main")));

        // a shell, or any other command, is not served
        Process shell = ssh(aliceKey, "ls /");
        shell.getOutputStream().close();
        assertTrue(shell.waitFor(30, TimeUnit.SECONDS));
        assertNotEquals(0, shell.exitValue());
    }

    @Test
    void garbageAndABogusPackLeaveNothingBehindAndTheNextPushWorks() throws Exception {
        assertEquals(0, git.run(work, line -> { }, "push", url("/myapp.git"), "HEAD:main").exitCode());
        Path repository = tmp.resolve("git/" + controller.idOf("myapp") + ".git");

        Process garbage = ssh(aliceKey, "git-receive-pack '/myapp.git'");
        garbage.getOutputStream().write("this is not git at all\n".repeat(100).getBytes(StandardCharsets.UTF_8));
        garbage.getOutputStream().close();
        assertTrue(garbage.waitFor(30, TimeUnit.SECONDS), "the server ends a garbage session");
        assertNotEquals(0, garbage.exitValue());

        Process bogus = ssh(aliceKey, "git-receive-pack '/myapp.git'");
        bogus.getOutputStream().write(BogusPack.updateOfMain());
        bogus.getOutputStream().close();
        assertTrue(bogus.waitFor(30, TimeUnit.SECONDS), "the server ends a bogus pack's session");
        String answer = new String(bogus.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(answer.contains("unpack") && !answer.contains("ok refs/heads/main"), answer);

        try (Stream<Path> files = Files.walk(repository)) {
            List<String> leftovers = files.map(Path::getFileName).map(Path::toString)
                    .filter(name -> name.startsWith("incoming_") || name.endsWith(".lock")).toList();
            assertEquals(List.of(), leftovers, "no partial pack or lock is left");
        }
        Files.writeString(work.resolve("index.html"), "<h1>again</h1>\n");
        git.run(work, line -> { }, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "again");
        GitClient.Result next = git.run(work, line -> { }, "push", url("/myapp.git"), "HEAD:main");
        assertEquals(0, next.exitCode(), next.output());
        assertTrue(next.output().contains("remote: -----> built myapp"), next.output());
    }

    @Test
    void aPackOverTheCapIsRefusedAndLeavesNothing() throws Exception {
        server.close();
        server = startServer(0, 4096);
        byte[] noise = new byte[64 * 1024];
        new java.util.Random(1).nextBytes(noise);
        Files.write(work.resolve("big.bin"), noise);
        git.run(work, line -> { }, "add", "-A");
        git.run(work, line -> { }, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "big");
        GitClient.Result over = git.run(work, line -> { }, "push", url("/myapp.git"), "HEAD:main");
        assertNotEquals(0, over.exitCode(), over.output());
        assertTrue(over.output().contains("Pack exceeds the limit of 4"), over.output());
        assertFalse(over.output().contains("paas: the git command failed"), "said once, in git's words: " + over.output());
        Path repository = tmp.resolve("git/" + controller.idOf("myapp") + ".git");
        try (Stream<Path> files = Files.walk(repository)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith("incoming_")).toList());
        }
        assertTrue(Files.notExists(repository.resolve("refs/heads/main")));
    }

    private Process ssh(Path key, String command) throws Exception {
        List<String> argv = new java.util.ArrayList<>(List.of(sshCommand(key).split(" ")));
        argv.addAll(List.of("-p", String.valueOf(server.port()), "git@127.0.0.1", command));
        return new ProcessBuilder(argv).redirectErrorStream(true).start();
    }

    private String sshCommand(Path key) {
        return "ssh -i " + key + " -o IdentitiesOnly=yes -o BatchMode=yes -o UserKnownHostsFile="
                + tmp.resolve("known_hosts") + " -o StrictHostKeyChecking=accept-new -o LogLevel=ERROR";
    }

    private Path newKey(String name) throws Exception {
        Path key = tmp.resolve("keys/" + name);
        Files.createDirectories(key.getParent());
        Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", key.toString())
                .redirectErrorStream(true).start();
        assertTrue(keygen.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, keygen.exitValue(), new String(keygen.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        return key;
    }

    private static String fingerprint(Path key) throws Exception {
        String line = Files.readString(Path.of(key + ".pub")).strip();
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256,
                PublicKeyEntry.parsePublicKeyEntry(line).resolvePublicKey(null, null, PublicKeyEntryResolver.FAILING));
    }
}
