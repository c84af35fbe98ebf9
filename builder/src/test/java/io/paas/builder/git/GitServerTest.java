package io.paas.builder.git;

import io.paas.builder.build.BuildFailure;
import io.paas.builder.build.BuildQueue;
import io.paas.builder.build.FreeSpace;
import io.paas.builder.build.SizeCap;
import io.paas.builder.testkit.BogusPack;
import io.paas.builder.testkit.FakeController;
import io.paas.builder.testkit.GitClient;
import io.paas.builder.build.BuildRunner;
import io.paas.engine.RegistryClient;
import io.paas.builder.stores.AppStores;
import io.paas.builder.stores.StoresSweep;
import io.paas.client.ControllerClient;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GitServerTest {
    @TempDir
    Path tmp;

    private FakeController controller;
    private GitServer server;
    private AppStores stores;
    private GitClient git;
    private Path work;
    /** What the next push's build does. */
    private volatile BuildRunner build;

    @BeforeEach
    void start() throws Exception {
        controller = new FakeController();
        build = (request, out) -> out.line("-----> built " + request.app());
        // no registry runs here: removing an app's images fails and is logged, its directories still go
        stores = new AppStores(tmp.resolve("git"), tmp.resolve("cache"), tmp.resolve("builds"), tmp.resolve("images"),
                new RegistryClient("127.0.0.1:1"));
        // one build at a time, as BuilderMain sets it up on a 2-core machine
        server = new GitServer("127.0.0.1", 0, new ControllerClient(controller.url(), "service-secret"),
                new BuildQueue((request, out) -> build.build(request, out), 1), stores, "service-secret").start();
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

    /** The bare repository of the app that has the name now: it goes by the app's id. */
    private Path repository(String app) {
        return tmp.resolve("git/" + controller.idOf(app) + ".git");
    }

    /** What the controller does when it destroys an app. */
    private int removeStores(String appId, String token) throws Exception {
        return internalDelete("/internal/apps/" + appId, token);
    }

    private int internalDelete(String path, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
                        + path)).header("Authorization", "Bearer " + token).DELETE().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aSecondPushWaitsForTheBuildAheadAndSaysSoThenBothSucceed() throws Exception {
        CountDownLatch firstBuilding = new CountDownLatch(1);
        CountDownLatch firstMayEnd = new CountDownLatch(1);
        List<String> started = new CopyOnWriteArrayList<>();
        build = (request, out) -> {
            started.add(request.app());
            out.line("-----> Building " + request.app());
            if (request.app().equals("first")) {
                firstBuilding.countDown();
                try {
                    firstMayEnd.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new BuildFailure("interrupted");
                }
            }
            out.line("-----> Released " + request.app());
        };
        CompletableFuture<GitClient.Result> first = CompletableFuture.supplyAsync(() -> pushQuietly("first"));
        assertTrue(firstBuilding.await(30, TimeUnit.SECONDS), "the first build started");

        CountDownLatch secondWaits = new CountDownLatch(1);
        CompletableFuture<GitClient.Result> second = CompletableFuture.supplyAsync(() -> {
            try {
                return git.run(work, line -> {
                    if (line.contains("remote: -----> Waiting for 1 build ahead of this one")) {
                        secondWaits.countDown();
                    }
                }, "push", url("alice:token-ok@", "second"), "HEAD:main");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(secondWaits.await(30, TimeUnit.SECONDS), "the second push says it waits");
        assertEquals(List.of("first"), started, "the second build waits for the first");

        firstMayEnd.countDown();
        GitClient.Result one = first.get(60, TimeUnit.SECONDS);
        GitClient.Result two = second.get(60, TimeUnit.SECONDS);
        assertEquals(0, one.exitCode(), one.output());
        assertEquals(0, two.exitCode(), two.output());
        assertEquals(List.of("first", "second"), started);
        assertTrue(two.output().matches("(?s).*remote: -----> Waiting for 1 build ahead of this one\\s*\n"
                + "remote:        Waited \\d+\\.\\d s for the build queue\\s*\n"
                + "remote: -----> Building second.*"), two.output());
        assertFalse(one.output().contains("Waiting"), one.output());
    }

    @Test
    void theBuildCachePurgeEmptiesOnlyThatAppsCacheAndNeverUnderARunningBuild() throws Exception {
        CountDownLatch building = new CountDownLatch(1);
        CountDownLatch mayEnd = new CountDownLatch(1);
        build = (request, out) -> {
            building.countDown();
            try {
                mayEnd.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new BuildFailure("interrupted");
            }
        };
        CompletableFuture<GitClient.Result> push = CompletableFuture.supplyAsync(() -> pushQuietly("cached"));
        assertTrue(building.await(30, TimeUnit.SECONDS));
        String id = controller.idOf("cached");
        Files.createDirectories(tmp.resolve("cache/" + id + "/node"));
        Files.createDirectories(tmp.resolve("cache/other-app-id/node"));

        assertEquals(401, internalDelete("/internal/apps/" + id + "/cache", "not-the-service-token"));
        assertEquals(409, internalDelete("/internal/apps/" + id + "/cache", "service-secret"), "a build uses it");
        assertTrue(Files.isDirectory(tmp.resolve("cache/" + id + "/node")));
        mayEnd.countDown();
        assertEquals(0, push.get(60, TimeUnit.SECONDS).exitCode());

        assertEquals(204, internalDelete("/internal/apps/" + id + "/cache", "service-secret"));
        assertFalse(Files.exists(tmp.resolve("cache/" + id)), "the app's cache is gone");
        assertTrue(Files.isDirectory(tmp.resolve("cache/other-app-id/node")), "another app's cache stays");
        assertTrue(Files.isDirectory(repository("cached")), "the repository stays");
        assertEquals(404, internalDelete("/internal/apps/../cache", "service-secret"));
    }

    private GitClient.Result pushQuietly(String app) {
        try {
            return push(url("alice:token-ok@", app), "HEAD:main");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private GitClient.Result push(String url, String refspec) throws Exception {
        return git.run(work, line -> { }, "push", url, refspec);
    }

    @Test
    void garbageAndABogusPackOverHttpLeaveNothingBehindAndTheNextPushWorks() throws Exception {
        String endpoint = "http://127.0.0.1:" + server.port() + "/web1.git/git-receive-pack";
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("alice:token-ok".getBytes());
        HttpClient http = HttpClient.newHttpClient();
        for (byte[] body : List.of("this is not git\n".repeat(100).getBytes(), BogusPack.updateOfMain())) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(endpoint))
                    .header("Authorization", basic).header("Content-Type", "application/x-git-receive-pack-request")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertFalse(answer.statusCode() == 200 && answer.body().contains("ok refs/heads/main"), answer.body());
        }
        try (java.util.stream.Stream<Path> files = Files.walk(repository("web1"))) {
            assertEquals(List.of(), files.map(f -> f.getFileName().toString())
                    .filter(name -> name.startsWith("incoming_") || name.endsWith(".lock")).toList());
        }
        GitClient.Result next = push(url("alice:token-ok@", "web1"), "HEAD:main");
        assertEquals(0, next.exitCode(), next.output());
    }

    @Test
    void aPackOverTheCapIsRefusedOverHttpAndLeavesNothing() throws Exception {
        server.close();
        server = new GitServer("127.0.0.1", 0, new ControllerClient(controller.url(), "service-secret"),
                new BuildQueue((request, out) -> build.build(request, out), 1), stores, "service-secret", 4096).start();
        byte[] noise = new byte[64 * 1024];
        new java.util.Random(1).nextBytes(noise);
        Files.write(work.resolve("big.bin"), noise);
        git.run(work, line -> { }, "add", "-A");
        git.run(work, line -> { }, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "big");
        GitClient.Result over = push(url("alice:token-ok@", "web1"), "HEAD:main");
        assertNotEquals(0, over.exitCode(), over.output());
        assertTrue(over.output().contains("Pack exceeds the limit of 4"), over.output());
        try (java.util.stream.Stream<Path> files = Files.walk(repository("web1"))) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith("incoming_")).toList());
        }
        assertFalse(Files.exists(repository("web1").resolve("refs/heads/main")));
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
        try (Repository repo = new FileRepositoryBuilder().setGitDir(repository("web1").toFile()).build()) {
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
        try (Repository repo = new FileRepositoryBuilder().setGitDir(repository("web1").toFile()).build()) {
            assertNull(repo.exactRef("refs/heads/main"));
        }
    }

    @Test
    void aBuildIsRefusedWhileTheDiskIsAlmostFullAndTheDeployedBranchStays() throws Exception {
        GitClient.Result first = push(url("alice:token-ok@", "web1"), "HEAD:main");
        assertEquals(0, first.exitCode(), first.output());
        String deployed;
        try (Repository repo = new FileRepositoryBuilder().setGitDir(repository("web1").toFile()).build()) {
            deployed = repo.exactRef("refs/heads/main").getObjectId().name();
        }
        // a platform that keeps more free space in hand than this disk has
        server.close();
        java.util.concurrent.atomic.AtomicInteger built = new java.util.concurrent.atomic.AtomicInteger();
        BuildRunner counted = (request, out) -> {
            built.incrementAndGet();
            build.build(request, out);
        };
        server = new GitServer("127.0.0.1", 0, new ControllerClient(controller.url(), "service-secret"),
                new BuildQueue(new FreeSpace(List.of(tmp.resolve("git"), tmp.resolve("cache")),
                        SizeCap.parse(FreeSpace.SETTING, "1000000G"), counted), 1), stores, "service-secret").start();
        Files.writeString(work.resolve("index.html"), "<h1>changed</h1>\n");
        git.run(work, line -> { }, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "changed");

        GitClient.Result refused = push(url("alice:token-ok@", "web1"), "HEAD:main");
        assertNotEquals(0, refused.exitCode(), refused.output());
        assertTrue(refused.output().matches("(?s).*remote:  !     the platform's disk is almost full: [0-9.]+ GB free under "
                + java.util.regex.Pattern.quote(tmp.resolve("git").toString()) + ", builds need 1000000.00 GB \\(PAAS_BUILD_MIN_FREE\\).*"),
                refused.output());
        assertTrue(refused.output().contains("! [remote rejected] HEAD -> main (the platform's disk is almost full"),
                refused.output());
        assertEquals(0, built.get(), "nothing was built");
        try (Repository repo = new FileRepositoryBuilder().setGitDir(repository("web1").toFile()).build()) {
            assertEquals(deployed, repo.exactRef("refs/heads/main").getObjectId().name(), "main keeps what is deployed");
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

    @Test
    void aNameTakenAgainAfterADestroyGetsAnEmptyRepository() throws Exception {
        GitClient.Result pushed = push(url("alice:token-ok@", "shop"), "HEAD:main");
        assertEquals(0, pushed.exitCode(), pushed.output());
        String oldId = controller.idOf("shop");
        String oldCommit = git.run(work, line -> { }, "rev-parse", "HEAD").output().strip();
        Files.createDirectories(tmp.resolve("cache/" + oldId + "/node"));
        Files.createDirectories(tmp.resolve("builds/" + oldId + "/abc1234-x"));
        assertTrue(Files.isDirectory(repository("shop")));

        assertEquals(401, removeStores(oldId, "not-the-service-token"));
        assertTrue(Files.isDirectory(repository("shop")), "kept: the caller was not the controller");
        assertEquals(204, removeStores(oldId, "service-secret"));
        assertFalse(Files.exists(tmp.resolve("git/" + oldId + ".git")), "repository removed");
        assertFalse(Files.exists(tmp.resolve("cache/" + oldId)), "build cache removed");
        assertFalse(Files.exists(tmp.resolve("builds/" + oldId)), "build scratch and logs removed");

        controller.recreate("shop");
        GitClient.Result clone = git.run(tmp, line -> { }, "clone", url("alice:token-ok@", "shop"), "clone");
        assertEquals(0, clone.exitCode(), clone.output());
        assertTrue(clone.output().contains("cloned an empty repository"), clone.output());
        GitClient.Result fetch = git.run(tmp.resolve("clone"), line -> { }, "fetch", "origin", oldCommit);
        assertNotEquals(0, fetch.exitCode(), "the old app's commit is not served: " + fetch.output());

        Path unrelated = git.repoWith(tmp.resolve("unrelated"), Map.of("index.html", "<h1>new shop</h1>\n"));
        GitClient.Result first = git.run(unrelated, line -> { }, "push", url("alice:token-ok@", "shop"), "HEAD:main");
        assertEquals(0, first.exitCode(), "the new app's first push is not a non-fast-forward: " + first.output());
    }

    @Test
    void aRequestAuthorizedJustBeforeTheDestroyDoesNotBringTheRepositoryBack() throws Exception {
        assertEquals(0, push(url("alice:token-ok@", "shop"), "HEAD:main").exitCode());
        String oldId = controller.idOf("shop");
        // the destroy lands between the controller's push check (still answering oldId here) and the request
        assertEquals(204, removeStores(oldId, "service-secret"));

        GitClient.Result late = push(url("alice:token-ok@", "shop"), "HEAD:main");

        assertNotEquals(0, late.exitCode(), late.output());
        assertTrue(late.output().contains("app shop was destroyed"), late.output());
        assertFalse(Files.exists(tmp.resolve("git/" + oldId + ".git")), "the removed repository stays removed");
    }

    @Test
    void storesOfAnAppDestroyedWhileItBuildsGoWhenTheBuildEnds() throws Exception {
        CountDownLatch building = new CountDownLatch(1);
        CountDownLatch destroyed = new CountDownLatch(1);
        List<String> builtFor = new CopyOnWriteArrayList<>();
        build = (request, out) -> {
            builtFor.add(request.app() + " " + request.appId());
            if (builtFor.size() == 1) {
                building.countDown();
                try {
                    destroyed.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new BuildFailure("interrupted");
                }
                // as the controller answers for a build whose app went meanwhile
                throw new BuildFailure("app shop was destroyed while this build ran");
            }
        };
        String oldId = controller.idOf("shop");
        CompletableFuture<GitClient.Result> oldPush = CompletableFuture.supplyAsync(() -> {
            try {
                return push(url("alice:token-ok@", "shop"), "HEAD:main");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertTrue(building.await(30, TimeUnit.SECONDS), "the first build started");
        assertEquals(202, removeStores(oldId, "service-secret"), "removal waits for the running build");
        String newId = controller.recreate("shop");

        Path unrelated = git.repoWith(tmp.resolve("unrelated"), Map.of("index.html", "<h1>new shop</h1>\n"));
        GitClient.Result newPush = git.run(unrelated, line -> { }, "push", url("alice:token-ok@", "shop"), "HEAD:main");
        assertEquals(0, newPush.exitCode(), "the new app does not wait for the old one's build: " + newPush.output());
        destroyed.countDown();
        GitClient.Result old = oldPush.get(30, TimeUnit.SECONDS);
        assertTrue(old.output().contains("destroyed while this build ran"), old.output());
        assertEquals(List.of("shop " + oldId, "shop " + newId), builtFor, "each build knows the app it is for");
        for (int i = 0; i < 100 && Files.exists(tmp.resolve("git/" + oldId + ".git")); i++) {
            Thread.sleep(50);
        }
        assertFalse(Files.exists(tmp.resolve("git/" + oldId + ".git")), "removed once the build ended");
        assertTrue(Files.isDirectory(tmp.resolve("git/" + newId + ".git")), "the new app's repository stays");
    }

    @Test
    void aSweepRemovesTheStoresOfAppsTheControllerNoLongerKnows() throws Exception {
        assertEquals(0, push(url("alice:token-ok@", "gone"), "HEAD:main").exitCode());
        assertEquals(0, push(url("alice:token-ok@", "kept"), "HEAD:main").exitCode());
        String gone = controller.idOf("gone");
        Files.createDirectories(tmp.resolve("cache/" + gone));
        Files.createDirectories(tmp.resolve("builds/" + gone + "/abc1234-x"));
        Files.createDirectories(tmp.resolve("cache/" + controller.idOf("kept")));
        // destroyed while the builder was away: the controller no longer knows it
        controller.forget("gone");

        new StoresSweep(stores, new ControllerClient(controller.url(), "service-secret")).sweep();

        assertFalse(Files.exists(tmp.resolve("git/" + gone + ".git")));
        assertFalse(Files.exists(tmp.resolve("cache/" + gone)));
        assertFalse(Files.exists(tmp.resolve("builds/" + gone)));
        assertTrue(Files.isDirectory(repository("kept")), "a live app's repository stays");
        assertTrue(Files.isDirectory(tmp.resolve("cache/" + controller.idOf("kept"))), "and its cache");
    }
}
