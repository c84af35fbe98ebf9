package io.paas.builder.build;

import com.fasterxml.jackson.databind.JsonNode;
import io.paas.builder.BuilderSettings;
import io.paas.builder.container.ImageBuild;
import io.paas.builder.git.GitServer;
import io.paas.engine.RegistryClient;
import io.paas.builder.stores.AppStores;
import io.paas.builder.testkit.FakeController;
import io.paas.builder.testkit.GitClient;
import io.paas.builder.testkit.PrivateEngine;
import io.paas.client.Api;
import io.paas.client.ControllerClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * git push of apps with a Dockerfile through the real builder: buildah builds the image in a build
 * container of the private Podman engine (in the builds' user namespace), the engine pushes it to a
 * private registry, and the builder registers it with a (fake) controller; failed builds reject the
 * push with buildah's reason.
 */
class DockerfileBuildIntegrationTest {
    private static final String RUN_IMAGE = "localhost/paas/stack-run:bookworm";

    @TempDir
    Path tmp;

    @Test
    void dockerfileAppsAreBuiltByTheEngineAndFailedBuildsRejectThePush() throws Exception {
        assumeTrue(PrivateEngine.available(), "podman or docker-registry missing");
        assumeTrue(PrivateEngine.hasImage(RUN_IMAGE), "stack images missing: run infra/stack/build.sh");
        assumeTrue(PrivateEngine.hasImage(ImageBuild.builderImage("bookworm")), "stack images missing: run infra/stack/build.sh");

        String platform = "dt-" + UUID.randomUUID().toString().substring(0, 8);
        try (PrivateEngine engine = new PrivateEngine(Files.createDirectories(tmp.resolve("engine")));
             FakeController controller = new FakeController()) {
            engine.push(RUN_IMAGE, "paas/stack-run:bookworm");
            BuilderSettings settings = new BuilderSettings(tmp.resolve("home"), platform, "127.0.0.1", 0,
                    controller.url(), "service-secret", engine.dockerHost(), engine.registry(), null, "bookworm");
            ControllerClient client = new ControllerClient(controller.url(), "service-secret");
            RegistryClient registry = new RegistryClient(settings.registry());
            BuildSteps steps = TestBuildSteps.on(engine, settings, client, registry);
            AppStores stores = new AppStores(settings.gitDir(), settings.cacheDir(), settings.buildsDir(),
                    settings.imageStoresDir(), registry);
            try (GitServer server = new GitServer("127.0.0.1", 0, client, steps, stores, "service-secret").start()) {
                GitClient git = new GitClient(tmp.resolve("git-home"));

                Path work = git.repoWith(tmp.resolve("web"), dockerApp(engine.registry()));
                Map<String, Long> seen = new ConcurrentHashMap<>();
                GitClient.Result push = git.run(work, line -> {
                    System.out.println(line);
                    seen.putIfAbsent(line.strip(), System.nanoTime());
                },
                        "push", remote(server, "web1"), "HEAD:main");

                assertEquals(0, push.exitCode(), push.output());
                String id = controller.idOf("web1");
                assertTrue(push.output().contains("remote: -----> Building Dockerfile"), push.output());
                assertFalse(push.output().contains("Static site"), "no buildpack ran: " + push.output());
                assertTrue(push.output().contains("remote:        étape un: ünïcödé ✓"), "UTF-8 kept: " + push.output());
                // a RUN step has its own network: the registry with every app's images is out of its reach
                assertTrue(push.output().contains("remote:        registry: out of reach"), push.output());
                assertFalse(push.output().contains("remote:        registry: reached"), push.output());
                assertTrue(push.output().contains("remote:        web listens on its EXPOSEd port 8080 ($PORT)"),
                        push.output());
                assertTrue(push.output().contains("remote: -----> Pushing image " + engine.registry() + "/" + id
                        + ":build-"), push.output());
                assertTrue(push.output().contains("remote: -----> Released v3"), push.output());
                // live: the line after `sleep 2` reached git well after the one before it
                long first = seen.get("remote:        étape un: ünïcödé ✓".strip());
                long second = seen.get("remote:        step two".strip());
                assertTrue(second - first > 1_500_000_000L, "lines arrive as the build makes them: "
                        + (second - first) / 1_000_000 + " ms apart");

                JsonNode build = ControllerClient.JSON.readTree(controller.builds.get(0));
                assertEquals(id, build.path("appId").asText());
                String image = build.path("image").asText();
                assertTrue(image.startsWith(engine.registry() + "/" + id + "@sha256:"), build.toString());
                assertEquals(Map.of("web", ""), new TreeMap<>(ControllerClient.JSON.convertValue(
                        build.path("processTypes"), Map.class)), "web runs the image's own CMD: " + build);
                assertEquals(8080, build.path("port").asInt(), "the lowest EXPOSEd TCP port: " + build);
                String digest = image.substring(image.indexOf('@') + 1);
                assertEquals(200, engine.registryStatus(id + "/manifests/" + digest), "pushed by digest");
                assertEquals(200, engine.registryStatus(id + "/manifests/v3"), "tagged with the release");

                // the image holds the context less what .dockerignore names, and runs its own CMD
                String files = engine.run("podman", "run", "--rm", "--entrypoint", "find", image, "/srv", "-type", "f");
                List<String> listed = files.lines().map(String::strip).sorted().toList();
                assertTrue(listed.contains("/srv/index.html"), files);
                assertTrue(listed.contains("/srv/docs/keep.md"), "! takes a path back: " + files);
                assertFalse(listed.contains("/srv/secret.txt"), files);
                assertFalse(listed.contains("/srv/docs/drop.md"), files);
                assertFalse(files.contains(".log"), "**/*.log: " + files);
                // the image's files keep the owners the RUN steps gave them (uids as the image sees them)
                String owners = engine.run("podman", "run", "--rm", "--entrypoint", "stat", image, "-c", "%u:%g %n",
                        "/srv/by-root", "/srv/data", "/srv/data/f", "/home/web/by-web", "/srv/index.html");
                assertEquals(List.of("0:0 /srv/by-root", "1234:1234 /srv/data", "1234:1234 /srv/data/f",
                        "1234:1234 /home/web/by-web", "0:0 /srv/index.html"), owners.lines().map(String::strip).toList());
                assertTrue(push.output().contains("remote:        as uid 1234"), push.output());
                // a RUN step's root is not host root: its user namespace maps uid 0 to an unprivileged host uid
                String uidMap = engine.run("podman", "run", "--rm", "--entrypoint", "cat", image, "/srv/uid_map").strip();
                List<String> mapping = List.of(uidMap.split("\\s+"));
                assertEquals("0", mapping.get(0), uidMap);
                assertNotEquals("0", mapping.get(1), "RUN steps run as host root: " + uidMap);
                assertEquals(String.valueOf(io.paas.client.isolation.UserNamespaces.BUILDS), mapping.get(1), uidMap);
                // RUN steps have no NET_RAW (bit 13), as build and app containers
                String capEff = push.output().lines().filter(line -> line.contains("CapEff:")).findFirst()
                        .orElseThrow(() -> new AssertionError("no CapEff line: " + push.output()));
                long caps = Long.parseLong(capEff.substring(capEff.indexOf("CapEff:") + 7).strip(), 16);
                assertEquals(0, caps & (1L << 13), "NET_RAW dropped: " + capEff);
                assertTrue((caps & (1L << 10)) != 0, "the other default capabilities kept (NET_BIND_SERVICE): " + capEff);
                String labels = engine.run("podman", "image", "inspect", "--format", "{{index .Labels \"paas.app.id\"}}",
                        image);
                assertEquals(id, labels.strip());

                // buildah's store is the app's own: the next build of an unchanged context takes every
                // RUN step from it; a purge of the build cache empties it
                assertTrue(Files.isDirectory(settings.imageStoresDir().resolve(id).resolve("root")), "the app's store");
                assertEquals(0, git.run(work, System.out::println, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q",
                        "--allow-empty", "-m", "again").exitCode());
                GitClient.Result again = git.run(work, System.out::println, "push", remote(server, "web1"), "HEAD:main");
                assertEquals(0, again.exitCode(), again.output());
                assertTrue(again.output().contains("remote:        --> Using cache"), again.output());
                assertFalse(again.output().contains("remote:        step two"), "no RUN step ran again: " + again.output());
                assertTrue(stores.purgeCache(id));
                assertFalse(Files.exists(settings.imageStoresDir().resolve(id)), "purged with the build cache");

                // a RUN that exits non-zero: the push fails with the engine's reason, nothing is released
                String failed = rejectedPush(git, server, "web2", "FROM paas/stack-run:bookworm\nRUN echo about to fail && exit 3\n");
                assertTrue(failed.contains("remote:        about to fail"), failed);
                assertTrue(failed.contains("exit status 3"), failed);

                // an instruction the engine does not know
                String refused = rejectedPush(git, server, "web3", "FROM paas/stack-run:bookworm\nRUNN echo typo\n");
                assertTrue(refused.contains("Unknown instruction: \"RUNN\""), refused);
                assertTrue(refused.lines().filter(line -> line.startsWith("remote:  !"))
                        .noneMatch(line -> line.contains("imagebuilder")), "no engine internals: " + refused);

                // a base image the registry does not have (Podman answers 200 and puts the error in the stream)
                String unpulled = rejectedPush(git, server, "web4", "FROM paas/no-such-image:1\nCMD [\"true\"]\n");
                assertTrue(unpulled.contains("no-such-image"), unpulled);

                // a build past its time limit ends the push instead of holding it
                Path slow = Files.createDirectories(tmp.resolve("slow"));
                Files.writeString(slow.resolve("Dockerfile"), "FROM paas/stack-run:bookworm\nRUN sleep 15\n");
                Path tar = tmp.resolve("slow.tar");
                DockerContext.write(slow, tar);
                List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
                long started = System.nanoTime();
                BuildFailure timedOut = assertThrows(BuildFailure.class, () -> new ImageBuild(engine.docker(),
                        Duration.ofSeconds(3), ImageBuild.builderImage("bookworm"), settings.imageStoresDir())
                        .build(tar, engine.registry() + "/slow:1", Map.of("paas.platform", platform),
                                List.of("paas/stack-run:bookworm"), lines::add));
                long tookMillis = (System.nanoTime() - started) / 1_000_000;
                assertEquals("build timed out", timedOut.getMessage(), lines.toString());
                assertTrue(tookMillis < 10_000, "the limit holds: " + tookMillis + " ms");
                assertEquals(" !     Build timed out after 3 seconds", lines.get(lines.size() - 1), lines.toString());

                // docker-options: the Dockerfile elsewhere, a build arg; a Procfile overrides CMD and names a release phase
                controller.dockerOptions = new Api.DockerOptions(Map.of("GREETING_ARG", "from a build arg"),
                        "docker/Dockerfile.web");
                Path procfileApp = git.repoWith(tmp.resolve("web5"), Map.of(
                        "docker/Dockerfile.web", String.join("\n", "FROM paas/stack-run:bookworm", "ARG GREETING_ARG",
                                "RUN echo \"arg: $GREETING_ARG\"", "EXPOSE 3000/tcp 3001/udp 3003", "CMD [\"true\"]", ""),
                        "Procfile", "web: exec busybox httpd -f -p $PORT -h /srv\nrelease: echo migrating\n"));
                GitClient.Result withProcfile = git.run(procfileApp, System.out::println, "push", remote(server, "web5"),
                        "HEAD:main");
                assertEquals(0, withProcfile.exitCode(), withProcfile.output());
                assertTrue(withProcfile.output().contains("remote: -----> Building Dockerfile docker/Dockerfile.web"),
                        withProcfile.output());
                assertTrue(withProcfile.output().contains("remote:        arg: from a build arg"), withProcfile.output());
                assertTrue(withProcfile.output().contains("remote:        Procfile: web, release run through /bin/sh -c "
                        + "in the image (web instead of its CMD)"), withProcfile.output());
                JsonNode procfileBuild = ControllerClient.JSON.readTree(controller.builds.get(2));
                assertEquals(Map.of("web", "exec busybox httpd -f -p $PORT -h /srv", "release", "echo migrating"),
                        new TreeMap<>(ControllerClient.JSON.convertValue(procfileBuild.path("processTypes"), Map.class)),
                        procfileBuild.toString());
                assertEquals("image", procfileBuild.path("kind").asText(), procfileBuild.toString());
                assertEquals(3000, procfileBuild.path("port").asInt(), "3000/tcp, not 3001/udp: " + procfileBuild);
                assertTrue(controller.checkedImages.contains("paas/stack-run:bookworm"), controller.checkedImages.toString());
                controller.dockerOptions = new Api.DockerOptions(Map.of(), null);

                // a base image named by digest (an archive keeps none: the build names it by its id)
                engine.run("podman", "pull", "-q", "--tls-verify=false", engine.registry() + "/paas/stack-run:bookworm");
                String digested = engine.run("podman", "image", "inspect", "--format", "{{index .RepoDigests 0}}",
                        engine.registry() + "/paas/stack-run:bookworm").strip();
                assertTrue(digested.contains("@sha256:"), digested);
                Path byDigest = git.repoWith(tmp.resolve("web7"), Map.of("Dockerfile",
                        "ARG BASE=" + digested + "\nFROM ${BASE}\nRUN echo from a digest\nCMD [\"true\"]\n"));
                GitClient.Result fromDigest = git.run(byDigest, System.out::println, "push", remote(server, "web7"), "HEAD:main");
                assertEquals(0, fromDigest.exitCode(), fromDigest.output());
                assertTrue(fromDigest.output().contains("remote:        from a digest"), fromDigest.output());

                // an image the controller refuses (another app's): the push ends before the engine builds
                Path other = git.repoWith(tmp.resolve("web6"), Map.of("Dockerfile",
                        "ARG BASE=127.0.0.1:7150/forbidden-app\nFROM ${BASE}:v1\nRUN echo must not run\n"));
                GitClient.Result refusedFrom = git.run(other, System.out::println, "push", remote(server, "web6"), "HEAD:main");
                assertNotEquals(0, refusedFrom.exitCode(), refusedFrom.output());
                assertTrue(refusedFrom.output().contains("image 127.0.0.1:7150/forbidden-app:v1 is another app's"),
                        refusedFrom.output());
                assertFalse(refusedFrom.output().contains("must not run"), refusedFrom.output());
                List<String> lastLines = refusedFrom.output().lines().filter(line -> line.startsWith("remote:")).toList();
                assertTrue(lastLines.get(lastLines.size() - 1).contains(
                        "Push rejected: the Dockerfile names an image this app may not use"), refusedFrom.output());

                assertEquals(4, controller.builds.size(), "failed builds are not registered: " + controller.builds);
            } finally {
                cleanUp(engine, platform);
            }
        }
    }

    /** A Dockerfile app whose RUN also tries the platform's registry (on the machine's loopback). */
    private static Map<String, String> dockerApp(String registry) {
        return Map.of(
                "Dockerfile", String.join("\n",
                        "FROM paas/stack-run:bookworm",
                        "COPY . /srv/",
                        "RUN echo 'étape un: ünïcödé ✓' && sleep 2 && echo 'step two'",
                        "RUN (bash -c 'exec 3<>/dev/tcp/" + registry.replace(':', '/') + "' && echo 'registry: reached')"
                                + " || echo 'registry: out of reach'",
                        // files a RUN step makes as root, and as a user of the image's own (USER honoured)
                        "RUN useradd -u 1234 -m -d /home/web web && echo root > /srv/by-root && mkdir /srv/data"
                                + " && touch /srv/data/f && chown -R web:web /srv/data",
                        "USER web",
                        "RUN touch /home/web/by-web && echo \"as uid $(id -u)\"",
                        "USER root",
                        "RUN grep '^CapEff' /proc/self/status && cat /proc/self/uid_map > /srv/uid_map",
                        "EXPOSE 9000 3001/udp 8080",
                        "ENTRYPOINT [\"/bin/sh\", \"-c\"]",
                        "CMD [\"exec busybox httpd -f -p 8080 -h /srv\"]",
                        ""),
                ".dockerignore", String.join("\n", "# not for the image", "secret.txt", "**/*.log", "docs",
                        "!docs/keep.md", ""),
                "index.html", "<h1>built from a Dockerfile</h1>\n",
                "secret.txt", "do not ship\n",
                "top.log", "log\n",
                "a/b/debug.log", "log\n",
                "docs/drop.md", "drop\n",
                "docs/keep.md", "keep\n");
    }

    private static String remote(GitServer server, String app) {
        return "http://alice:token-ok@127.0.0.1:" + server.port() + "/" + app + ".git";
    }

    /** Pushes a repository holding only this Dockerfile; asserts the push is rejected, the reason last. */
    private String rejectedPush(GitClient git, GitServer server, String app, String dockerfile) throws Exception {
        Path work = git.repoWith(tmp.resolve(app), Map.of("Dockerfile", dockerfile));
        GitClient.Result push = git.run(work, System.out::println, "push", remote(server, app), "HEAD:main");
        assertNotEquals(0, push.exitCode(), push.output());
        List<String> remote = push.output().lines().filter(line -> line.startsWith("remote:")).toList();
        assertTrue(remote.get(remote.size() - 1).contains("remote:  !     Push rejected: the Dockerfile build failed"),
                push.output());
        assertTrue(push.output().contains("! [remote rejected] HEAD -> main (Dockerfile build failed)"), push.output());
        return push.output();
    }

    /** No container of ours may be left; the images our builds and pulls named go from the shared store. */
    private static void cleanUp(PrivateEngine engine, String platform) {
        try {
            String left = engine.run("podman", "ps", "-aq", "--filter", "label=paas.platform=" + platform).strip();
            if (!left.isEmpty()) {
                engine.run(("podman rm -f " + left.replace('\n', ' ')).split(" "));
            }
            String images = engine.run("podman", "images", "-q", "--filter", "label=paas.platform=" + platform).strip();
            if (!images.isEmpty()) {
                engine.run(("podman rmi -f " + String.join(" ", images.lines().distinct().toList())).split(" "));
            }
        } catch (Exception e) {
            System.err.println("cleanup: " + e.getMessage());
        }
    }
}
