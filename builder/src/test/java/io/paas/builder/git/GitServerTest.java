package io.paas.builder.git;

import io.paas.builder.build.BuildFailure;
import io.paas.builder.testkit.FakeController;
import io.paas.builder.testkit.GitClient;
import io.paas.builder.build.BuildRunner;
import io.paas.client.ControllerClient;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GitServerTest {
    @TempDir
    Path tmp;

    private FakeController controller;
    private GitServer server;
    private GitClient git;
    private Path work;
    /** What the next push's build does. */
    private volatile BuildRunner build;

    @BeforeEach
    void start() throws Exception {
        controller = new FakeController();
        build = (request, out) -> out.line("-----> built " + request.app());
        server = new GitServer("127.0.0.1", 0, tmp.resolve("git"),
                new ControllerClient(controller.url(), "service-secret"),
                (request, out) -> build.build(request, out)).start();
        git = new GitClient(tmp.resolve("home"));
        work = git.repoWith(tmp.resolve("work"), Map.of("index.html", "<h1>hi</h1>\n"));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        controller.close();
    }

    private String url(String credentials, String app) {
        return "http://" + credentials + "127.0.0.1:" + server.port() + "/" + app + ".git";
    }

    private GitClient.Result push(String url, String refspec) throws Exception {
        return git.run(work, line -> { }, "push", url, refspec);
    }

    @Test
    void pushWithoutCredentialsIsRefused() throws Exception {
        GitClient.Result result = push(url("", "web1"), "HEAD:main");
        assertNotEquals(0, result.exitCode());
        assertTrue(result.output().contains("could not read Username"), result.output());
    }

    @Test
    void pushWithWrongTokenFailsAuthentication() throws Exception {
        GitClient.Result result = push(url("alice:wrong@", "web1"), "HEAD:main");
        assertNotEquals(0, result.exitCode());
        assertTrue(result.output().contains("Authentication failed"), result.output());
    }

    @Test
    void pushToUnknownAppSaysSo() throws Exception {
        GitClient.Result result = push(url("alice:token-ok@", "unknown"), "HEAD:main");
        assertNotEquals(0, result.exitCode());
        assertTrue(result.output().contains("app unknown does not exist"), result.output());
    }

    @Test
    void pushToOtherBranchIsRejectedWithHowTo() throws Exception {
        GitClient.Result result = push(url("alice:token-ok@", "web1"), "HEAD:dev");
        assertNotEquals(0, result.exitCode());
        assertTrue(result.output().contains("! [remote rejected] HEAD -> dev (" + BuildOnPush.ONLY_MAIN + ")"),
                result.output());
    }

    @Test
    void buildLinesReachTheClientLiveAndThePushIsAccepted() throws Exception {
        CountDownLatch clientSawFirstLine = new CountDownLatch(1);
        build = (request, out) -> {
            out.line("-----> Building " + request.app() + " from " + request.shortSha());
            try {
                // the build goes on only once git has printed the first line: proves streaming
                if (!clientSawFirstLine.await(30, TimeUnit.SECONDS)) {
                    throw new BuildFailure("first line never reached the client");
                }
            } catch (InterruptedException e) {
                throw new BuildFailure("interrupted");
            }
            out.line("-----> Released v1");
        };

        GitClient.Result result = git.run(work, line -> {
            if (line.contains("remote: -----> Building web1 from")) {
                clientSawFirstLine.countDown();
            }
        }, "push", url("alice:token-ok@", "web1"), "HEAD:main");
        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("remote: -----> Released v1"), result.output());
        try (Repository repo = new FileRepositoryBuilder().setGitDir(tmp.resolve("git/web1.git").toFile()).build()) {
            assertTrue(repo.exactRef("refs/heads/main") != null);
        }
    }

    @Test
    void failedBuildRejectsThePushAndKeepsTheBranch() throws Exception {
        build = (request, out) -> {
            out.line(" !     npm install failed");
            throw new BuildFailure("build failed");
        };
        GitClient.Result result = push(url("alice:token-ok@", "web1"), "HEAD:main");
        assertNotEquals(0, result.exitCode());
        assertTrue(result.output().contains("remote:  !     npm install failed"), result.output());
        assertTrue(result.output().contains("! [remote rejected] HEAD -> main (build failed)"), result.output());
        try (Repository repo = new FileRepositoryBuilder().setGitDir(tmp.resolve("git/web1.git").toFile()).build()) {
            assertNull(repo.exactRef("refs/heads/main"));
        }
    }

    @Test
    void noRemoteLineIsPrintedTwice() throws Exception {
        // A push whose output is not a terminal (CI, a script) shows each progress update on a line of
        // its own: JGit's "Updating references" used to come twice, after the build's last line.
        build = (request, out) -> out.line("-----> Released v1");

        GitClient.Result result = push(url("alice:token-ok@", "web1"), "HEAD:main");

        assertEquals(0, result.exitCode(), result.output());
        List<String> remote = result.output().lines().filter(line -> line.startsWith("remote:")).map(String::strip).toList();
        assertEquals("remote: -----> Released v1", remote.get(0), result.output());
        assertEquals(remote.stream().distinct().toList(), remote, result.output());
    }
}
