package io.paas.builder.build;

import com.fasterxml.jackson.databind.JsonNode;
import io.paas.builder.BuilderSettings;
import io.paas.builder.container.BuildContainer;
import io.paas.builder.git.GitServer;
import io.paas.engine.RegistryClient;
import io.paas.builder.stores.AppStores;
import io.paas.builder.testkit.FakeController;
import io.paas.builder.testkit.GitClient;
import io.paas.builder.testkit.PrivateEngine;
import io.paas.client.ControllerClient;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * git push of a static site through the real builder: buildpacks in a Podman build container,
 * Jib image on the stack run image, pushed to a private registry, released by a (fake) controller.
 */
class PushBuildIntegrationTest {
    private static final Path REPO_ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String BUILD_IMAGE = "localhost/paas/stack-build:bookworm";
    private static final String RUN_IMAGE = "localhost/paas/stack-run:bookworm";

    @TempDir
    Path tmp;

    @Test
    void pushedStaticSiteBecomesAnImageInTheRegistry() throws Exception {
        assumeTrue(PrivateEngine.available(), "podman or docker-registry missing");
        assumeTrue(PrivateEngine.hasImage(BUILD_IMAGE) && PrivateEngine.hasImage(RUN_IMAGE),
                "stack images missing: run infra/stack/build.sh");
        assumeTrue(Files.isExecutable(REPO_ROOT.resolve("buildpacks/bin/build")), "buildpacks missing");

        String platform = "bt-" + UUID.randomUUID().toString().substring(0, 8);
        try (PrivateEngine engine = new PrivateEngine(Files.createDirectories(tmp.resolve("engine")));
             FakeController controller = new FakeController()) {
            engine.push(BUILD_IMAGE, "paas/stack-build:bookworm");
            engine.push(RUN_IMAGE, "paas/stack-run:bookworm");
            BuilderSettings settings = new BuilderSettings(tmp.resolve("home"), platform, "127.0.0.1", 0,
                    controller.url(), "service-secret", engine.dockerHost(), engine.registry(),
                    REPO_ROOT.resolve("buildpacks"), "bookworm");
            ControllerClient client = new ControllerClient(controller.url(), "service-secret");
            RegistryClient registry = new RegistryClient(settings.registry());
            BuildSteps steps = TestBuildSteps.on(engine, settings, client, registry);
            AppStores stores = new AppStores(settings.gitDir(), settings.cacheDir(), settings.buildsDir(),
                    settings.imageStoresDir(), registry);
            try (GitServer server = new GitServer("127.0.0.1", 0, client, steps, stores, "service-secret").start()) {
                GitClient git = new GitClient(tmp.resolve("git-home"));
                String remote = "http://alice:token-ok@127.0.0.1:" + server.port() + "/site1.git";

                Path unknown = git.repoWith(tmp.resolve("unknown"), Map.of("README", "no app here\n"));
                GitClient.Result failed = git.run(unknown, System.out::println, "push", remote, "HEAD:main");
                assertTrue(failed.output().contains("remote:  !     No buildpack matched this app"), failed.output());
                assertTrue(failed.output().contains("! [remote rejected] HEAD -> main (build failed)"), failed.output());
                assertTrue(controller.builds.isEmpty());
                // the failed build is reported with its reason and the end of its log
                assertEquals(1, controller.failedBuilds.size(), controller.failedBuilds.toString());
                JsonNode report = ControllerClient.JSON.readTree(controller.failedBuilds.get(0));
                assertEquals("build failed", report.path("reason").asText());
                assertEquals("alice", report.path("username").asText());
                assertTrue(report.path("output").asText().contains(" !     No buildpack matched this app"), report.toString());
                assertTrue(report.path("output").asText().endsWith(" !     Push rejected: the build exited with code 1"),
                        report.toString());
                assertTrue(report.path("output").asText().startsWith("-----> Building site1 from "),
                        "the whole output, from its first line: " + report);

                Path work = git.commitAll(sampleApp(tmp.resolve("site")));
                Instant pushed = Instant.now();
                GitClient.Result push = git.run(work, System.out::println, "push", "--force", remote, "HEAD:main");

                assertEquals(0, push.exitCode(), push.output());
                assertTrue(push.output().contains("remote: -----> Building site1 from"), push.output());
                assertTrue(push.output().contains("remote: -----> Fetching config"), push.output());
                assertTrue(push.output().contains("remote: -----> Static site"), push.output());
                assertTrue(push.output().contains("remote: -----> Removed 1 path listed in .slugignore"), push.output());
                assertTrue(push.output().matches("(?s).*remote:        Slug \\d+\\.\\d KB, build cache \\d+\\.\\d KB.*"),
                        push.output());
                String id = controller.idOf("site1");
                assertTrue(push.output().contains("remote: -----> Pushing image " + engine.registry()
                        + "/" + id + ":build-"), push.output());
                assertTrue(push.output().contains("remote:        1 symlink listed in /app/.paas/symlinks"),
                        push.output());
                assertTrue(push.output().contains("remote: -----> Released v3"), push.output());
                assertTrue(push.output().contains("remote:        http://x.localhost:7180 deployed to paas"),
                        push.output());
                // once the push ended, the controller has its whole output, the release's lines too
                assertEquals(1, controller.outputs.size(), controller.outputs.toString());
                String output = ControllerClient.JSON.readTree(controller.outputs.get(0)).path("output").asText();
                assertTrue(output.startsWith("-----> Building site1 from "), output);
                assertTrue(output.contains("\n-----> Released v3\n       http://x.localhost:7180 deployed to paas\n"),
                        output);
                assertTrue(output.matches("(?s).*\n-----> Done in [^\n]*"), "ends with the last line: " + output);

                JsonNode build = ControllerClient.JSON.readTree(controller.builds.get(0));
                assertEquals("alice", build.path("username").asText());
                assertEquals(id, build.path("appId").asText(), "the build names the app id the push was for");
                String image = build.path("image").asText();
                assertTrue(image.startsWith(engine.registry() + "/" + id + "@sha256:"), build.toString());
                assertTrue(build.path("processTypes").path("web").asText().contains("exec nginx"), build.toString());
                assertSlugLayerInRegistry(engine.registry(), id, "v3", pushed);
                assertTrue(Files.isDirectory(settings.cacheDir().resolve(id)), "the build cache goes by the app id");
                // the slug goes (after the push has its answer); the compressed layers stay for the next build
                Path store = settings.buildsDir().resolve(id);
                for (int i = 0; i < 100 && !slugsIn(store).isEmpty(); i++) {
                    Thread.sleep(100);
                }
                assertEquals(List.of(), slugsIn(store));
                assertTrue(Files.isDirectory(store.resolve("layers/layers")), "the layer cache of " + id);

                // a sweep while the app lives takes nothing, and never the stack's images
                assertEquals(List.of(), stores.removeUnknown(() -> List.of(id)));
                assertEquals(200, engine.registryStatus(id + "/manifests/v3"));
                assertEquals(200, engine.registryStatus("paas/stack-run/manifests/bookworm"));

                // a controller that lists no app at all (a new or reset database) is not believed
                assertEquals(List.of(), stores.removeUnknown(List::of));
                assertEquals(200, engine.registryStatus(id + "/manifests/v3"));

                // the app was destroyed while the builder was away: the sweep takes its repository, cache and images
                assertEquals(List.of(id), stores.removeUnknown(() -> List.of("0b7c6a58-5d1e-4c55-9d6b-3f1f2f0c9a11")));
                assertFalse(Files.exists(settings.gitDir().resolve(id + ".git")));
                assertFalse(Files.exists(settings.cacheDir().resolve(id)));
                assertFalse(Files.exists(settings.buildsDir().resolve(id)));
                String digest = image.substring(image.indexOf('@') + 1);
                assertEquals(404, engine.registryStatus(id + "/manifests/" + digest), "the image is gone");
                assertEquals(404, engine.registryStatus(id + "/manifests/v3"), "its tags are gone");

                // past the platform's slug cap the push is rejected, naming the size and the cap
                BuilderSettings capped = settings.withSlugCap(SizeCap.parse(BuilderSettings.SLUG_CAP, "1K"));
                try (GitServer small = new GitServer("127.0.0.1", 0, client,
                        TestBuildSteps.on(engine, capped, client, registry), stores, "service-secret").start()) {
                    GitClient.Result over = git.run(work, System.out::println, "push", "--force",
                            "http://alice:token-ok@127.0.0.1:" + small.port() + "/site2.git", "HEAD:main");
                    assertTrue(over.output().matches("(?s).*remote:  !     The slug is \\d+\\.\\d KB, over the platform's "
                            + "cap of 1\\.0 KB \\(PAAS_SLUG_MAX\\): leave out what the app does not need to run with "
                            + "\\.slugignore.*"), over.output());
                    assertTrue(over.output().contains("! [remote rejected] HEAD -> main (The slug is "), over.output());
                }

                BuildFailure missing = assertThrows(BuildFailure.class, () -> BuildContainer.ensureImage(engine.docker(),
                        engine.registry() + "/paas/no-such-image:1", line -> { }));
                assertTrue(missing.getMessage().startsWith("cannot pull"), missing.getMessage());
            } finally {
                cleanUp(engine, platform);
            }
        }
    }

    /** The release tag's manifest is there, and its last layer is the slug with the site in /app. */
    private static void assertSlugLayerInRegistry(String registry, String repository, String tag, Instant pushed)
            throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> manifest = http.send(HttpRequest.newBuilder(
                        URI.create("http://" + registry + "/v2/" + repository + "/manifests/" + tag))
                .header("Accept", "application/vnd.docker.distribution.manifest.v2+json, "
                        + "application/vnd.oci.image.manifest.v1+json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, manifest.statusCode(), manifest.body());
        JsonNode layers = ControllerClient.JSON.readTree(manifest.body()).path("layers");
        assertTrue(layers.size() >= 2, "base layers plus the slug: " + manifest.body());
        String slugDigest = layers.get(layers.size() - 1).path("digest").asText();
        HttpResponse<InputStream> blob = http.send(HttpRequest.newBuilder(
                        URI.create("http://" + registry + "/v2/" + repository + "/blobs/" + slugDigest)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, blob.statusCode());
        Map<String, Integer> modes = new HashMap<>();
        String symlinks = null;
        Instant pageTime = null;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(blob.body()))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName().replaceFirst("^/", "");
                modes.put(name, entry.getMode());
                if (name.equals("app/index.html")) {
                    pageTime = entry.getModTime().toInstant();
                }
                if (name.equals("app/.paas/symlinks")) {
                    symlinks = new String(tar.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        assertTrue(modes.containsKey("app/index.html"), "slug layer entries: " + modes.keySet());
        assertTrue(modes.containsKey("app/.paas/release.yml"), "slug layer entries: " + modes.keySet());
        assertEquals(0755, modes.get("app/bin/hello") & 0777, "exec bit kept");
        assertFalse(modes.containsKey("app/design.psd"), ".slugignore's paths are not in the slug: " + modes.keySet());
        // The time the page was written for this build, not Jib's epoch: static servers' validators use it.
        assertTrue(pageTime != null && !pageTime.isBefore(pushed.minusSeconds(2)), "index.html time: " + pageTime);
        // Jib stores no symlinks: the link is left out and listed for paas-launch to recreate
        assertFalse(modes.containsKey("app/home.html"), "no copy of the symlink: " + modes.keySet());
        assertTrue(symlinks != null && symlinks.lines().anyMatch("home.html\tindex.html"::equals),
                "symlink manifest: " + symlinks);
    }

    private static List<String> slugsIn(Path store) throws Exception {
        try (Stream<Path> entries = Files.list(store)) {
            return entries.map(path -> path.getFileName().toString()).filter(name -> name.startsWith("slug")).toList();
        }
    }

    /** infra/samples/static-app when it is there, else a one-page site; plus an executable script and a symlink. */
    private static Path sampleApp(Path dir) throws Exception {
        Path sample = REPO_ROOT.resolve("infra/samples/static-app");
        Files.createDirectories(dir);
        if (Files.isDirectory(sample)) {
            try (Stream<Path> files = Files.walk(sample)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path target = dir.resolve(sample.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(file, target);
                    }
                }
            }
        }
        if (!Files.exists(dir.resolve("index.html")) && !Files.exists(dir.resolve("public/index.html"))
                && !Files.exists(dir.resolve("static.json"))) {
            Files.writeString(dir.resolve("index.html"), "<h1>hello from paas</h1>\n");
        }
        Files.createSymbolicLink(dir.resolve("home.html"), Path.of("index.html"));
        Files.writeString(dir.resolve(".slugignore"), "# art sources stay out of the slug\n*.psd\n");
        Files.writeString(dir.resolve("design.psd"), "layers");
        Files.createDirectories(dir.resolve("bin"));
        Path script = Files.writeString(dir.resolve("bin/hello"), "#!/bin/sh\necho hello\n");
        script.toFile().setExecutable(true, false);
        return dir;
    }

    /** Our build containers (there should be none left) and the stack images our engine pulled. */
    private static void cleanUp(PrivateEngine engine, String platform) {
        try {
            String left = engine.run("podman", "ps", "-aq", "--filter", "label=paas.platform=" + platform).strip();
            if (!left.isEmpty()) {
                engine.run(("podman rm -f " + left.replace('\n', ' ')).split(" "));
                throw new AssertionError("build containers left behind: " + left);
            }
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            System.err.println("cleanup: " + e.getMessage());
        }
        for (String image : new String[] {"paas/stack-build:bookworm", "paas/stack-run:bookworm"}) {
            try {
                engine.run("podman", "untag", engine.registry() + "/" + image, engine.registry() + "/" + image);
            } catch (Exception e) {
                // not pulled
            }
        }
    }
}
