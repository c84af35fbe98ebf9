package io.paas.controller.scheduler.docker;

import io.paas.controller.scheduler.ProcessLabels;
import io.paas.controller.scheduler.TestRegistry;
import io.paas.controller.scheduler.ImagePullException;
import io.paas.controller.scheduler.OneOffResult;
import io.paas.controller.scheduler.ProcessEnd;
import io.paas.controller.scheduler.ProcessSpec;
import io.paas.controller.scheduler.ProcessUsage;
import io.paas.controller.scheduler.PulledImage;
import io.paas.controller.scheduler.RegistryAuth;
import io.paas.controller.scheduler.Plan;
import io.paas.controller.scheduler.RunningProcess;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import io.paas.engine.ImagePuller;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs real containers on a private Podman service; every container carries this run's platform id. */
class EngineSchedulerTest {
    static final String HTTPD = TestImage.httpd("hello $GREETING from $HOSTNAME");
    static final long MEMORY = 64L * 1024 * 1024;

    static final String PLATFORM = "t" + UUID.randomUUID().toString().substring(0, 8);
    static PodmanService podman;
    static TestImage image;
    static DockerClient docker;
    static EngineScheduler scheduler;
    static int registryPort;
    static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static TestEngine engine;

    @BeforeAll
    static void startEngine() throws Exception {
        engine = TestEngine.start(PLATFORM);
        podman = engine.podman;
        image = engine.image;
        registryPort = engine.registryPort;
        docker = podman.client();
        scheduler = new EngineScheduler(docker, PLATFORM, null);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        TestEngine.stop(engine, scheduler);
    }

    @Test
    void webProcessesServeTrafficAndStopCleanly() throws Exception {
        String app = "web-app";
        RunningProcess web1 = scheduler.start(web(app, 1, 3, HTTPD));
        RunningProcess web2 = scheduler.start(web(app, 2, 3, HTTPD));
        assertTrue(scheduler.awaitReady(web1, Duration.ofSeconds(20)), () -> scheduler.explainNotReady(web1, 20));
        assertTrue(scheduler.awaitReady(web2, Duration.ofSeconds(20)), () -> scheduler.explainNotReady(web2, 20));

        assertEquals(PLATFORM + "-web-app-web-1-v3", web1.name());
        assertTrue(web1.endpoint().startsWith("127.0.0.1:"), web1.endpoint());
        assertFalse(web1.endpoint().equals(web2.endpoint()));
        assertTrue(get(web1).contains("hello x from"), get(web1));
        assertTrue(get(web2).contains("hello x from"));

        List<RunningProcess> observed = sorted(scheduler.observe(app));
        assertEquals(List.of("web.1@v3", "web.2@v3"), observed.stream().map(RunningProcess::key).toList());
        assertEquals(List.of(web1.endpoint(), web2.endpoint()), observed.stream().map(RunningProcess::endpoint).toList());
        assertTrue(observed.stream().allMatch(RunningProcess::isRunning));
        assertTrue(Plan.between(List.of(web(app, 1, 3, HTTPD), web(app, 2, 3, HTTPD)), observed).isNoOp());

        InspectContainerResponse info = docker.inspectContainerCmd(web1.containerId()).exec();
        Map<String, String> labels = info.getConfig().getLabels();
        assertEquals(PLATFORM, labels.get("paas.platform"));
        assertEquals(app, labels.get("paas.app"));
        assertEquals("web", labels.get("paas.type"));
        assertEquals("1", labels.get("paas.index"));
        assertEquals("3", labels.get("paas.release"));
        assertEquals(MEMORY, info.getHostConfig().getMemory());
        assertTrue(List.of(info.getConfig().getEnv()).contains("GREETING=x"));

        long stopStart = System.nanoTime();
        scheduler.stop(web1, Duration.ofSeconds(10));
        scheduler.stop(web2, Duration.ofSeconds(10));
        long stopMillis = (System.nanoTime() - stopStart) / 1_000_000;
        System.out.printf("[scheduler] stop+remove of 2 web processes: %d ms%n", stopMillis);
        assertTrue(stopMillis < 8000, "stop waited for the grace period: " + stopMillis + " ms");
        assertTrue(scheduler.observe(app).isEmpty());
        scheduler.stop(web1, Duration.ofSeconds(1)); // idempotent
    }

    @Test
    void anEmptyCommandRunsTheImagesOwnCmdOnItsPort() throws Exception {
        // a Dockerfile's image: its own entrypoint and CMD, listening on 8080 whatever $PORT says elsewhere
        Path context = Files.createTempDirectory(podman.dir, "own-cmd-");
        Files.writeString(context.resolve("Containerfile"), String.join("\n",
                "FROM " + image.name,
                "ENTRYPOINT [\"/bin/sh\", \"-c\"]",
                "CMD [\"mkdir -p /tmp/w && echo own cmd, PORT=$PORT > /tmp/w/index.html && exec busybox httpd -f -p 8080 -h /tmp/w\"]",
                "LABEL paas.platform=" + PLATFORM,
                ""));
        String own = "localhost/paas-test-own-cmd:" + PLATFORM;
        TestImage.run(List.of("podman", "build", "-q", "-t", own, context.toString()));
        try {
            RunningProcess web = scheduler.start(new ProcessSpec("own-cmd", "web", 1, 1, own, "",
                    Map.of("PORT", "8080"), MEMORY));
            assertTrue(scheduler.awaitReady(web, Duration.ofSeconds(20)), () -> scheduler.explainNotReady(web, 20));
            assertEquals("own cmd, PORT=8080", get(web).strip());
            InspectContainerResponse info = docker.inspectContainerCmd(web.containerId()).exec();
            assertEquals(List.of("/bin/sh", "-c"), List.of(info.getConfig().getEntrypoint()));
            assertTrue(info.getConfig().getCmd()[0].startsWith("mkdir -p /tmp/w"), "the image's CMD");
            scheduler.stop(web, Duration.ofSeconds(5));
        } finally {
            TestImage.run(List.of("podman", "rmi", "--force", "--ignore", own));
        }
    }

    @Test
    void failingCommandIsReportedQuicklyWithItsOutput() {
        String app = "crash-app";
        ProcessSpec spec = web(app, 1, 1, "echo boom-$GREETING >&2; exit 1");
        RunningProcess p = scheduler.start(spec);
        long t0 = System.nanoTime();
        assertFalse(scheduler.awaitReady(p, Duration.ofSeconds(20)));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(millis < 3000, "awaitReady took " + millis + " ms");
        assertTrue(scheduler.recentLogs(p, 10).contains("boom-x"), scheduler.recentLogs(p, 10));
        String why = scheduler.explainNotReady(p, 10);
        assertTrue(why.contains("exited with status 1") && why.contains("boom-x"), why);

        // the plan replaces the exited container under the same name: start must not trip over it
        List<RunningProcess> observed = scheduler.observe(app);
        assertEquals(List.of("exited"), observed.stream().map(RunningProcess::state).toList());
        Plan plan = Plan.between(List.of(web(app, 1, 1, HTTPD)), observed);
        assertEquals(1, plan.toStart().size());
        RunningProcess restarted = scheduler.start(plan.toStart().get(0));
        plan.toStop().forEach(old -> scheduler.stop(old, Duration.ofSeconds(1)));
        assertTrue(scheduler.awaitReady(restarted, Duration.ofSeconds(20)), () -> scheduler.explainNotReady(restarted, 20));
        assertEquals(List.of("running"), scheduler.observe(app).stream().map(RunningProcess::state).toList());

        scheduler.removeAllForApp(app);
        assertTrue(scheduler.observe(app).isEmpty());
    }

    @Test
    void workerHasNoEndpointAndIsReadyWhileRunning() {
        String app = "worker-app";
        RunningProcess worker = scheduler.start(new ProcessSpec(app, "worker", 1, 2, image.name,
                "while true; do sleep 1; done", Map.of("PORT", "5000"), 0));
        assertNull(worker.endpoint());
        assertTrue(scheduler.awaitReady(worker, Duration.ofSeconds(5)));
        assertEquals(List.of("worker.1@v2"), scheduler.observe(app).stream().map(RunningProcess::key).toList());
        scheduler.removeAllForApp(app);
        assertTrue(scheduler.observe(app).isEmpty());
    }

    @Test
    void unknownImageFailsWithTheEnginesReason() {
        String missing = "127.0.0.1:1/nothing@sha256:" + "0".repeat(64);
        ImagePullException e = assertThrows(ImagePullException.class,
                () -> scheduler.start(new ProcessSpec("pull-app", "web", 1, 1, missing, "true", Map.of("PORT", "5000"), 0)));
        assertTrue(e.getMessage().startsWith("cannot pull image " + missing + ": "), e.getMessage());
        assertTrue(e.getMessage().length() > ("cannot pull image " + missing + ": ").length() + 5, e.getMessage());
        System.out.println("[scheduler] pull failure: " + e.getMessage());
    }

    @Test
    void imageIsPulledFromThePlatformRegistryByDigest() throws Exception {
        assumeTrue(TestRegistry.installed(), "docker-registry is not installed");
        // an image of this test's own: a pull by digest adds the digest to the local image, which
        // must not happen to the shared stack image
        TestImage own = TestImage.busybox(PLATFORM + "-pull", podman.dir);
        try (TestRegistry registry = TestRegistry.start(registryPort, podman.dir.resolve("registry"));
             EngineScheduler fromRegistry = new EngineScheduler(podman.client(), PLATFORM, registry.address)) {
            Path digestFile = podman.dir.resolve("digest");
            TestImage.run(List.of("podman", "push", "--tls-verify=false", "--digestfile", digestFile.toString(),
                    own.name, registry.address + "/pull-app:v1"));
            String digest = Files.readString(digestFile).trim();
            String pulled = registry.address + "/pull-app@" + digest;
            assertFalse(new ImagePuller(docker).isPresent(pulled), "the digest reference must not be present before");
            // a reference without a registry host is taken from the platform's registry
            RunningProcess p = fromRegistry.start(new ProcessSpec("pull-app", "web", 1, 1, "pull-app@" + digest,
                    HTTPD, Map.of("PORT", "5000", "GREETING", "pulled"), 0));
            assertTrue(fromRegistry.awaitReady(p, Duration.ofSeconds(20)), () -> fromRegistry.explainNotReady(p, 20));
            assertTrue(get(p).contains("hello pulled"));
            // the pulled reference is one more name/digest of the test's own image: removing that
            // image by id takes it along
            assertTrue(new ImagePuller(docker).isPresent(pulled));
            fromRegistry.removeAllForApp("pull-app");
        } finally {
            own.removeIfOwned();
        }
    }

    @Test
    void aPrivateImageIsPulledWithTheAppsLoginPinnedByDigestAndAgainAtStart() throws Exception {
        assumeTrue(TestRegistry.installed(), "docker-registry is not installed");
        String hash = TestImage.run(List.of("python3", "-c",
                "import crypt; print(crypt.crypt('s3cret', crypt.mksalt(crypt.METHOD_BLOWFISH)))")).strip()
                .lines().reduce((first, last) -> last).orElseThrow(); // after python's deprecation warning
        TestImage own = TestImage.busybox(PLATFORM + "-private", podman.dir);
        try (TestRegistry registry = TestRegistry.start(registryPort, podman.dir.resolve("private-registry"),
                "deployer:" + hash)) {
            Path digestFile = podman.dir.resolve("private-digest");
            String tagged = registry.address + "/team/private-app:1";
            TestImage.run(List.of("podman", "push", "--tls-verify=false", "--creds", "deployer:s3cret",
                    "--digestfile", digestFile.toString(), own.name, tagged));
            String digest = Files.readString(digestFile).trim();

            ImagePullException refused = assertThrows(ImagePullException.class, () -> scheduler.pull(tagged, null));
            assertTrue(refused.getMessage().contains("authentication required") || refused.getMessage().contains("unauthorized"),
                    refused.getMessage());
            RegistryAuth login = new RegistryAuth(registry.address, "deployer", "s3cret");
            PulledImage pulled = scheduler.pull(tagged, login);
            assertEquals(registry.address + "/team/private-app@" + digest, pulled.pinned());

            // the engine lost it (a platform restart drops pulled images): a start pulls it again with the login
            String imageId = TestImage.run(List.of("podman", "image", "inspect", "--format", "{{.Id}}", tagged)).strip();
            TestImage.run(List.of("podman", "rmi", "--force", imageId)); // the test's own image, all its names
            assertFalse(new ImagePuller(docker).isPresent(pulled.pinned()), "gone before the start");
            RunningProcess p = scheduler.start(new ProcessSpec("private-app", "web", 1, 1, 0, pulled.pinned(), HTTPD,
                    Map.of("PORT", "5000", "GREETING", "private"), 0, 0, true, login, 0));
            assertTrue(scheduler.awaitReady(p, Duration.ofSeconds(20)), () -> scheduler.explainNotReady(p, 20));
            assertTrue(get(p).contains("hello private"));
            scheduler.removeAllForApp("private-app");
        } finally {
            own.removeIfOwned();
        }
    }

    @Test
    void measureStartToReady() throws Exception {
        String app = "bench-app";
        scheduler.start(web(app, 99, 1, HTTPD)); // warm-up: first use of the image
        scheduler.removeAllForApp(app);

        long t0 = System.nanoTime();
        RunningProcess one = scheduler.start(web(app, 1, 1, HTTPD));
        assertTrue(scheduler.awaitReady(one, Duration.ofSeconds(20)));
        long single = (System.nanoTime() - t0) / 1_000_000;
        scheduler.removeAllForApp(app);

        int n = 5;
        long t1 = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        List<Long> each = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 1; i <= n; i++) {
            int index = i;
            Thread t = new Thread(() -> {
                long s = System.nanoTime();
                try {
                    RunningProcess p = scheduler.start(web(app, index, 2, HTTPD));
                    if (scheduler.awaitReady(p, Duration.ofSeconds(30))) {
                        each.add((System.nanoTime() - s) / 1_000_000);
                    } else {
                        failures.add(scheduler.explainNotReady(p, 20));
                    }
                } catch (RuntimeException e) {
                    failures.add("web." + index + " did not start: " + e.getMessage());
                }
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        long all = (System.nanoTime() - t1) / 1_000_000;
        assertEquals(n, each.size(), () -> "not all parallel processes became ready: " + failures);
        long stop0 = System.nanoTime();
        scheduler.removeAllForApp(app);
        long stopAll = (System.nanoTime() - stop0) / 1_000_000;
        System.out.printf("[scheduler] image %s%n", image.name);
        System.out.printf("[scheduler] create+start until the port answers: 1 container %d ms; %d in parallel: all ready in %d ms (each %s ms); stop+remove of %d: %d ms%n",
                single, n, all, each, n, stopAll);
        assertTrue(scheduler.observe(app).isEmpty());
    }

    @Test
    void usageSaysMemoryAndCpuNowOfEachRunningProcess() throws Exception {
        RunningProcess busy = scheduler.start(limited("busy-app", "while :; do :; done & " + HTTPD, 64));
        RunningProcess idle = scheduler.start(limited("idle-app", HTTPD, 64));
        assertTrue(scheduler.awaitReady(busy, Duration.ofSeconds(20)), () -> scheduler.explainNotReady(busy, 20));
        assertTrue(scheduler.awaitReady(idle, Duration.ofSeconds(20)), () -> scheduler.explainNotReady(idle, 20));
        Map<String, ProcessUsage> usage = scheduler.usage(List.of(busy, idle));
        System.out.printf("[usage] busy %s, idle %s%n", usage.get(busy.containerId()), usage.get(idle.containerId()));
        ProcessUsage b = usage.get(busy.containerId());
        ProcessUsage i = usage.get(idle.containerId());
        assertNotNull(b, "figures for the busy one: " + usage);
        assertNotNull(i, "figures for the idle one: " + usage);
        assertTrue(b.cpuPercent() > 25, "a busy loop uses a core's worth (shared machine): " + b);
        assertTrue(i.cpuPercent() < 25, "an idle server uses next to nothing: " + i);
        assertTrue(b.memoryBytes() > 0 && b.memoryLimitBytes() == MEMORY, b.toString());
        scheduler.removeAllForApp("busy-app");
        scheduler.removeAllForApp("idle-app");
        assertEquals(Map.of(), scheduler.usage(List.of()));
    }

    @Test
    void aProcessThatExitsSaysItsStatusAndHowLongItRan() {
        RunningProcess p = scheduler.start(limited("exit-app", "sleep 0.5; echo gone >&2; exit 1", 64));
        long t0 = System.nanoTime();
        assertFalse(scheduler.awaitReady(p, Duration.ofSeconds(30)));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        ProcessEnd end = scheduler.ended(p).orElseThrow();
        System.out.printf("[process end] %s, noticed after %d ms%n", end.reason(), millis);
        assertTrue(millis < 5000, "the exit was noticed after " + millis + " ms");
        assertEquals(1, end.exitCode());
        assertFalse(end.outOfMemory());
        assertTrue(end.reason().matches("exited with status 1 after \\d\\.\\d s"), end.reason());
        assertTrue(end.ranFor().toMillis() >= 400 && end.ranFor().toMillis() < 5000, end.ranFor().toString());
    }

    @Test
    void aProcessOverItsMemoryLimitIsKilledForIt() {
        // tail keeps every byte of a file without newlines: it grows until the kernel kills it
        RunningProcess p = scheduler.start(limited("oom-app", "echo allocating; head -c 300m /dev/zero | tail", 24));
        assertFalse(scheduler.awaitReady(p, Duration.ofSeconds(30)), "the process should not outlive its limit");
        ProcessEnd end = scheduler.ended(p).orElseThrow();
        System.out.printf("[process end] %s (exit %d)%n", end.reason(), end.exitCode());
        assertEquals(137, end.exitCode());
        // Podman on this machine's cgroups v1 does not set OOMKilled; an engine that does gets the plain form
        assertTrue(end.reason().equals("killed: out of memory (limit 24 MB)")
                || end.reason().matches("killed after \\d\\.\\d s: most likely out of memory \\(limit 24 MB\\)"),
                end.reason());
        assertTrue(scheduler.recentLogs(p, 10).contains("allocating"), scheduler.recentLogs(p, 10));
    }

    @Test
    void aRunningProcessHasNotEnded() {
        RunningProcess p = scheduler.start(limited("live-app", TestImage.httpd("up"), 64));
        assertTrue(scheduler.awaitReady(p, Duration.ofSeconds(30)), () -> scheduler.explainNotReady(p, 20));
        assertEquals(Optional.empty(), scheduler.ended(p));
        scheduler.stop(p, Duration.ZERO);
        assertEquals(Optional.empty(), scheduler.ended(p), "a removed container has no end to tell");
    }

    @Test
    void aOneOffProcessTellsWhatItPrintedAndHowItEnded() {
        // the release phase's refusal is what a user reads; several at once, as on a loaded machine
        int n = 6;
        List<java.util.concurrent.CompletableFuture<OneOffResult>> runs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ProcessSpec spec = new ProcessSpec("once-app-" + i, "release", 1, 1, image.name,
                    "echo migrating; printf 'refused by run %s' \"$RUN\"; exit 3", Map.of("RUN", Integer.toString(i)), MEMORY);
            runs.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> scheduler.runOnce(spec, Duration.ofSeconds(30))));
        }
        for (int i = 0; i < n; i++) {
            OneOffResult result = runs.get(i).join();
            assertEquals(3, result.exitCode());
            assertFalse(result.timedOut());
            assertEquals("migrating\nrefused by run " + i, result.output().strip(), "run " + i);
            assertEquals(0, containersOf("once-app-" + i), "a one-off container is removed once read");
        }
        OneOffResult slow = scheduler.runOnce(new ProcessSpec("once-app-slow", "release", 1, 1, image.name,
                "echo started; sleep 30", Map.of(), MEMORY), Duration.ofSeconds(1));
        assertTrue(slow.timedOut());
        assertEquals("started", slow.output().strip());
        assertEquals(0, containersOf("once-app-slow"));
    }

    @Test
    void eachAppRunsInAUserNamespaceOfItsOwnWithoutNetRawNorNewPrivileges() {
        // and /dev/stdout, /dev/stderr open, as nginx opens its logs (podman#16027: not by default)
        String show = "busybox cat /proc/self/uid_map /proc/self/gid_map; busybox grep -E '^(CapEff|NoNewPrivs)' /proc/self/status; "
                + "echo reopened stdout > /dev/stdout; echo reopened stderr > /dev/stderr";
        Map<Long, String> outputs = new java.util.HashMap<>();
        for (long appId : new long[] {7, 8}) {
            OneOffResult result = scheduler.runOnce(new ProcessSpec("confined-" + appId, "release", 1, 1, 0, image.name, show,
                    Map.of(), MEMORY, 0, false, null, appId), Duration.ofSeconds(30));
            assertEquals(0, result.exitCode(), result.output());
            outputs.put(appId, result.output());
        }
        for (long appId : outputs.keySet()) {
            String out = outputs.get(appId);
            List<String> maps = out.lines().filter(l -> l.matches("\\s*0\\s+\\d+\\s+\\d+\\s*")).map(String::strip).toList();
            String expected = "0 " + Confinement.hostUid(appId) + " 65536";
            assertEquals(List.of(expected, expected), maps.stream().map(l -> l.replaceAll("\\s+", " ")).toList(),
                    "root of app " + appId + " is an unprivileged host uid, its own: " + out);
            long capEff = Long.parseLong(out.lines().filter(l -> l.startsWith("CapEff:")).findFirst().orElseThrow()
                    .substring("CapEff:".length()).strip(), 16);
            assertEquals(0, capEff & (1L << 13), "no CAP_NET_RAW (13): " + out);
            assertTrue((capEff & (1L << 10)) != 0, "CAP_NET_BIND_SERVICE kept, ports below 1024 still bind: " + out);
            assertTrue(out.contains("NoNewPrivs:\t1"), out);
            assertTrue(out.contains("reopened stdout") && out.contains("reopened stderr"), out);
        }
        assertTrue(Confinement.hostUid(7) >= 1L << 28, "far from the ranges people's rootless containers get");
        assertEquals(Confinement.hostUid(7) + 65536, Confinement.hostUid(8), "apps' ranges do not overlap");
    }

    @Test
    void aProcessMadeUnderAnotherConfinementServesUntilItsSuccessorIsStarted() throws Exception {
        // as before apps were kept apart: no user namespace, another confinement label
        try (EngineScheduler before = new EngineScheduler(podman.client(), PLATFORM, null, Confinement.NONE, "engine", null)) {
            RunningProcess old = before.start(web("upgraded-app", 1, 1, HTTPD));
            assertTrue(before.awaitReady(old, Duration.ofSeconds(20)), () -> before.explainNotReady(old, 20));
            List<RunningProcess> observed = scheduler.observe("upgraded-app");
            assertEquals(List.of(false), observed.stream().map(RunningProcess::confined).toList());
            Plan plan = Plan.between(List.of(web("upgraded-app", 1, 1, HTTPD)), observed);
            assertEquals(List.of("web.1@v1"), plan.toStart().stream().map(ProcessSpec::key).toList());

            RunningProcess successor = scheduler.start(plan.toStart().get(0));
            assertTrue(scheduler.awaitReady(successor, Duration.ofSeconds(20)), () -> scheduler.explainNotReady(successor, 20));
            assertNotEquals(old.name(), successor.name(), "the same key under another name");
            assertTrue(get(old).contains("hello x"), "the old one still serves until the plan stops it");
            assertTrue(Plan.between(List.of(web("upgraded-app", 1, 1, HTTPD)), scheduler.observe("upgraded-app"))
                    .toStop().stream().map(RunningProcess::containerId).toList().contains(old.containerId()));
            scheduler.stop(old, Duration.ZERO);
            scheduler.stop(successor, Duration.ZERO);
        }
    }

    /** A web process of its own app with a memory limit in MB. */
    private static ProcessSpec limited(String app, String command, long megabytes) {
        return new ProcessSpec(app, "web", 1, 1, image.name, command, Map.of("PORT", "5000"), megabytes * 1024 * 1024);
    }

    private static ProcessSpec web(String app, int index, int release, String command) {
        return new ProcessSpec(app, "web", index, release, image.name, command,
                Map.of("PORT", "5000", "GREETING", "x"), MEMORY);
    }

    private static int containersOf(String app) {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(ProcessLabels.PLATFORM, PLATFORM, ProcessLabels.APP, app)).exec().size();
    }

    private static String get(RunningProcess p) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + p.endpoint() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertNotNull(r.body());
        return r.body();
    }

    private static List<RunningProcess> sorted(List<RunningProcess> ps) {
        return ps.stream().sorted(Comparator.comparingInt(RunningProcess::index)).toList();
    }
}
