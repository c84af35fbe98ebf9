package io.paas.controller.scheduler.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetricsListBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusStreamMessage;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.paas.controller.scheduler.EngineException;
import io.paas.controller.scheduler.OneOffResult;
import io.paas.controller.scheduler.OutputLine;
import io.paas.controller.scheduler.Plan;
import io.paas.controller.scheduler.ProcessEvent;
import io.paas.controller.scheduler.ProcessSpec;
import io.paas.controller.scheduler.RegistryAuth;
import io.paas.controller.scheduler.RunningProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Kubernetes engine against fabric8's mock API server in CRUD mode (it stores objects and
 * serves watches; no API server can run on the machines this is built on), with the kubelet's part
 * played by {@link PlayedKubelet}: each scheduler operation, and the exact objects it leaves in the
 * API, through a deploy, a config change, a restart, a rollback, scaling to zero and back, the
 * release phase, a crash, and the app's removal.
 */
class KubernetesSchedulerTest {
    private static final String NS = "paas-shop";
    private static final long MB = 1024L * 1024;

    private KubernetesMockServer server;
    private KubernetesClient client;
    private PlayedKubelet kubelet;
    private KubernetesScheduler scheduler;

    @BeforeEach
    void start() {
        // CRUD mode: the dispatcher stores what is created and serves it, watches included; what it
        // cannot serve (a pod's log) the test sets as an expectation, which goes first
        Map<ServerRequest, Queue<ServerResponse>> expected = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expected,
                new KubernetesMixedDispatcher(expected), false);
        server.init();
        client = server.createClient();
        kubelet = new PlayedKubelet(client);
        // the scheduler owns (and closes) a client of its own, as in the controller
        scheduler = new KubernetesScheduler(server.createClient(), layout(true), Set.of(), null);
    }

    private static KubernetesLayout layout(boolean namespacePerApp) {
        return new KubernetesLayout("paas", namespacePerApp, "paas-apps", "paas-system",
                Map.of("app.kubernetes.io/name", "paas-router"),
                Map.of("app.kubernetes.io/name", "paas-controller"), "registry.paas.example:5000",
                new RegistryAuth("registry.paas.example:5000", "nodes", "s3cret"), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        kubelet.close();
        scheduler.close();
        client.close();
        server.destroy();
    }

    private static ProcessSpec web(int index, int release, int generation, Map<String, String> config) {
        Map<String, String> env = new LinkedHashMap<>(config);
        env.put("PORT", "5000");
        return new ProcessSpec("shop", "web", index, release, generation, "shop@sha256:" + "a".repeat(64),
                "bundle exec puma -p $PORT", env, 256 * MB, 500_000_000L, false, null, 42);
    }

    @Test
    void aDeployMakesTheNamespaceItsRoutersOnlyPolicyTheEnvSecretAndAPodThatRunsTheImage() {
        RunningProcess web = scheduler.start(web(1, 1, 0, Map.of("GREETING", "hello")));

        assertEquals("running", web.state());
        assertTrue(web.endpoint().matches("10\\.88\\.0\\.\\d+:5000"), web.endpoint());
        assertTrue(scheduler.awaitReady(web, Duration.ofSeconds(5)));

        var namespace = client.namespaces().withName(NS).get();
        assertEquals(Map.of("paas.platform", "paas", "paas.app", "shop"), namespace.getMetadata().getLabels());

        NetworkPolicy policy = client.network().v1().networkPolicies().inNamespace(NS).withName("shop-from-routers").get();
        assertEquals(Map.of("paas.platform", "paas", "paas.app", "shop"), policy.getSpec().getPodSelector().getMatchLabels());
        assertEquals(List.of("Ingress"), policy.getSpec().getPolicyTypes());
        assertEquals(1, policy.getSpec().getIngress().size());
        List<NetworkPolicyPeer> from = policy.getSpec().getIngress().get(0).getFrom();
        assertEquals(2, from.size(), "the routers, and the controller that checks new processes' health");
        for (NetworkPolicyPeer peer : from) {
            assertEquals(Map.of("kubernetes.io/metadata.name", "paas-system"), peer.getNamespaceSelector().getMatchLabels());
        }
        assertEquals(Map.of("app.kubernetes.io/name", "paas-router"), from.get(0).getPodSelector().getMatchLabels());
        assertEquals(Map.of("app.kubernetes.io/name", "paas-controller"), from.get(1).getPodSelector().getMatchLabels());

        Secret pull = client.secrets().inNamespace(NS).withName("paas-registry").get();
        assertEquals("kubernetes.io/dockerconfigjson", pull.getType());
        assertTrue(decode(pull.getData().get(".dockerconfigjson")).contains("\"registry.paas.example:5000\""));

        Pod pod = onlyPod();
        assertEquals(web.name(), pod.getMetadata().getName());
        assertTrue(pod.getMetadata().getName().matches("shop-web-1-v1-[a-z0-9]{5}"), pod.getMetadata().getName());
        assertEquals(new TreeMap<>(Map.of("paas.platform", "paas", "paas.app", "shop", "paas.app-id", "42",
                "paas.type", "web", "paas.index", "1", "paas.release", "1", "paas.generation", "0")),
                new TreeMap<>(pod.getMetadata().getLabels()));
        assertEquals("Never", pod.getSpec().getRestartPolicy());
        assertEquals(false, pod.getSpec().getAutomountServiceAccountToken());
        assertEquals(false, pod.getSpec().getEnableServiceLinks());
        assertEquals("paas-registry", pod.getSpec().getImagePullSecrets().get(0).getName());
        Container container = pod.getSpec().getContainers().get(0);
        assertEquals("registry.paas.example:5000/shop@sha256:" + "a".repeat(64), container.getImage());
        assertEquals(List.of(), container.getCommand(), "the slug image's entrypoint runs the Procfile command");
        assertEquals(List.of("bundle exec puma -p $PORT"), container.getArgs());
        assertEquals(List.of(), container.getEnv(), "no config var in the pod object itself");
        assertEquals(web.name() + "-env", container.getEnvFrom().get(0).getSecretRef().getName());
        assertEquals(5000, container.getPorts().get(0).getContainerPort());
        assertEquals(new IntOrString(5000), container.getReadinessProbe().getTcpSocket().getPort());
        assertEquals(Map.of("memory", new Quantity("268435456"), "cpu", new Quantity("500m")), container.getResources().getLimits());
        assertEquals(container.getResources().getLimits(), container.getResources().getRequests());
        assertEquals(false, container.getSecurityContext().getAllowPrivilegeEscalation());

        Secret env = client.secrets().inNamespace(NS).withName(web.name() + "-env").get();
        assertEquals(Map.of("GREETING", "hello", "PORT", "5000"), decoded(env));
        assertEquals(true, env.getImmutable());
        assertEquals("Pod", env.getMetadata().getOwnerReferences().get(0).getKind());
        assertEquals(pod.getMetadata().getUid(), env.getMetadata().getOwnerReferences().get(0).getUid());

        assertEquals(List.of(web.containerId()), scheduler.observe("shop").stream().map(RunningProcess::containerId).toList());
        assertEquals(pod.getMetadata().getUid(), web.containerId());
    }

    @Test
    void aConfigChangeARestartAndARollbackEachReplaceThePodsAndTheOldOnesLeaveNothingBehind() {
        RunningProcess v1 = scheduler.start(web(1, 1, 0, Map.of("GREETING", "hello")));

        // config:set makes release 2: new pod and Secret first, then the old ones go
        RunningProcess v2 = rollOut(List.of(web(1, 2, 0, Map.of("GREETING", "bonjour"))));
        assertEquals(Map.of("GREETING", "bonjour", "PORT", "5000"),
                decoded(client.secrets().inNamespace(NS).withName(v2.name() + "-env").get()));
        assertNull(client.pods().inNamespace(NS).withName(v1.name()).get());
        assertNull(client.secrets().inNamespace(NS).withName(v1.name() + "-env").get());

        // ps:restart: the same release, the next generation
        RunningProcess restarted = rollOut(List.of(web(1, 2, 1, Map.of("GREETING", "bonjour"))));
        assertEquals("1", client.pods().inNamespace(NS).withName(restarted.name()).get().getMetadata().getLabels().get("paas.generation"));
        assertNull(client.pods().inNamespace(NS).withName(v2.name()).get());

        // releases:rollback to v1's image and config as release 3
        ProcessSpec rollback = new ProcessSpec("shop", "web", 1, 3, 0, "shop@sha256:" + "b".repeat(64),
                "bundle exec puma -p $PORT", Map.of("PORT", "5000", "GREETING", "hello"), 256 * MB, 0, false, null, 42);
        RunningProcess v3 = rollOut(List.of(rollback));
        Pod pod = onlyPod();
        assertEquals(v3.name(), pod.getMetadata().getName());
        assertEquals("registry.paas.example:5000/shop@sha256:" + "b".repeat(64), pod.getSpec().getContainers().get(0).getImage());
        assertEquals(Map.of("memory", new Quantity("268435456")), pod.getSpec().getContainers().get(0).getResources().getLimits());
        assertEquals(List.of(v3.name() + "-env"), secretNames().stream().filter(n -> n.endsWith("-env")).toList());
    }

    @Test
    void scalingToZeroRemovesEveryPodAndItsSecretAndScalingBackMakesThemAgain() {
        rollOut(List.of(web(1, 1, 0, Map.of()), web(2, 1, 0, Map.of()), worker(1, 1)));
        assertEquals(3, client.pods().inNamespace(NS).list().getItems().size());
        Pod worker = client.pods().inNamespace(NS).withLabel("paas.type", "worker").list().getItems().get(0);
        Container container = worker.getSpec().getContainers().get(0);
        assertNull(container.getReadinessProbe(), "a worker listens on no port");
        assertEquals(List.of(), container.getPorts());
        assertEquals(List.of("/bin/sh", "-c"), container.getCommand(), "a Dockerfile image's command runs through sh");
        assertEquals(List.of("node worker.js"), container.getArgs());

        rollOut(List.of());
        assertEquals(List.of(), client.pods().inNamespace(NS).list().getItems());
        assertEquals(List.of("paas-registry"), secretNames());
        assertEquals(List.of(), scheduler.observe("shop"));

        RunningProcess back = rollOut(List.of(web(1, 1, 0, Map.of())));
        assertEquals(List.of(back.name()), client.pods().inNamespace(NS).list().getItems().stream()
                .map(p -> p.getMetadata().getName()).toList());
    }

    @Test
    void theReleasePhaseRunsAsAOneOffPodThatIsRemovedWithItsSecretOnceItEnds() throws Exception {
        ProcessSpec release = new ProcessSpec("shop", "release", 1, 2, 0, "shop@sha256:" + "a".repeat(64),
                "rake db:migrate", Map.of("DATABASE_URL", "postgres://db/shop"), 128 * MB, 0, false, null, 42);
        List<Pod> seen = new CopyOnWriteArrayList<>();
        // the kubelet's part: the release pod runs, prints, and exits 3
        Thread ends = new Thread(() -> {
            for (int i = 0; i < 200; i++) {
                var pods = client.pods().inNamespace(NS).withLabel("paas.role", "release").list().getItems();
                if (!pods.isEmpty() && "Running".equals(pods.get(0).getStatus() == null ? null : pods.get(0).getStatus().getPhase())) {
                    seen.add(pods.get(0));
                    server.expect().get().withPath("/api/v1/namespaces/" + NS + "/pods/" + pods.get(0).getMetadata().getName()
                            + "/log?pretty=false&container=process&tailLines=200").andReturn(200, "migrating\nno such table\n").always();
                    kubelet.exit(NS, pods.get(0).getMetadata().getName(), 3, false);
                    return;
                }
                sleep(25);
            }
        });
        ends.start();

        OneOffResult result = scheduler.runOnce(release, Duration.ofSeconds(10));
        ends.join();

        assertEquals(new OneOffResult(3, "migrating\nno such table\n", false), result);
        Pod pod = seen.get(0);
        assertTrue(pod.getMetadata().getName().matches("shop-release-v2-[a-z0-9]{5}"), pod.getMetadata().getName());
        assertEquals(new TreeMap<>(Map.of("paas.platform", "paas", "paas.app", "shop", "paas.app-id", "42",
                "paas.role", "release", "paas.index", "1", "paas.release", "2")), new TreeMap<>(pod.getMetadata().getLabels()));
        assertEquals("rake db:migrate", pod.getMetadata().getAnnotations().get("paas.command"));
        assertNull(pod.getSpec().getContainers().get(0).getReadinessProbe());
        assertEquals(List.of(), client.pods().inNamespace(NS).list().getItems(), "the one-off pod is removed");
        assertEquals(List.of("paas-registry"), secretNames(), "and its env Secret");
        assertEquals(List.of(), scheduler.observe("shop"), "a one-off is never a process");
    }

    @Test
    void aCrashedPodIsReportedByTheWatchAsItsEndAndItsRemovalAsGone() throws Exception {
        RunningProcess web = scheduler.start(web(1, 1, 0, Map.of()));
        List<ProcessEvent> events = new CopyOnWriteArrayList<>();
        List<Throwable> ends = new CopyOnWriteArrayList<>();
        try (Closeable ignored = scheduler.watch(events::add, ends::add)) {
            kubelet.exit(NS, web.name(), 137, true);
            ProcessEvent died = awaitEvent(events, "oom");
            assertEquals(List.of("shop", web.containerId(), "oom", "exited"),
                    List.of(died.app(), died.containerId(), died.action(), died.now().state()));
            var end = scheduler.ended(web).orElseThrow();
            assertEquals(137, end.exitCode());
            assertTrue(end.outOfMemory());
            assertEquals(256 * MB, end.memoryLimitBytes());
            assertEquals("killed: out of memory (limit 256 MB)", end.reason());

            assertEquals(List.of("oom"), events.stream().map(ProcessEvent::action).toList(),
                    "the pod that ran when the watch began says nothing until it changes");
            scheduler.stop(web, Duration.ZERO);
            ProcessEvent destroyed = awaitEvent(events, "destroy");
            assertTrue(destroyed.gone());
            assertNull(destroyed.now());
        }
        assertEquals(List.of(), ends, "the stream was closed by its caller, not ended");
        assertTrue(scheduler.ended(web).isEmpty(), "a pod the API no longer has");
    }

    @Test
    void aPodThatCannotPullFailsItsStartWithTheKubeletsReasonAndIsRemoved() {
        kubelet.waitWith("ImagePullBackOff: Back-off pulling image \"registry.paas.example:5000/shop\"");
        EngineException e = assertThrows(EngineException.class, () -> scheduler.start(web(1, 1, 0, Map.of())));
        assertTrue(e.getMessage().contains("ImagePullBackOff: Back-off pulling image"), e.getMessage());
        assertEquals(List.of(), client.pods().inNamespace(NS).list().getItems());
        assertEquals(List.of("paas-registry"), secretNames(), "its env Secret goes with it");
    }

    @Test
    void aPodThatNeverBecomesReadyIsNotReady() {
        kubelet.holdReady(true);
        RunningProcess web = scheduler.start(web(1, 1, 0, Map.of()));
        assertFalse(scheduler.awaitReady(web, Duration.ofMillis(500)));
    }

    @Test
    void removingTheAppLeavesNothingOfItInTheApi() {
        rollOut(List.of(web(1, 1, 0, Map.of()), worker(1, 1)));
        rollOut(List.of());
        scheduler.forget("shop");
        assertNull(client.namespaces().withName(NS).get());
        assertEquals(List.of(), client.pods().inAnyNamespace().list().getItems());
        assertEquals(List.of(), client.secrets().inAnyNamespace().list().getItems());
        assertEquals(List.of(), client.network().v1().networkPolicies().inAnyNamespace().list().getItems());
    }

    @Test
    void inOneSharedNamespaceEachAppHasItsOwnPolicyAndOnlyItsOwnPodsAreListed() {
        scheduler.close();
        scheduler = new KubernetesScheduler(server.createClient(), layout(false), Set.of(), null);
        scheduler.start(web(1, 1, 0, Map.of()));
        scheduler.start(new ProcessSpec("blog", "web", 1, 1, 0, "blog:latest", "", Map.of("PORT", "8080"), 0, 0, false, null, 7));

        assertNull(client.namespaces().withName(NS).get());
        assertEquals(2, client.pods().inNamespace("paas-apps").list().getItems().size());
        assertEquals(List.of("shop"), scheduler.observe("shop").stream().map(RunningProcess::app).toList());
        assertEquals(Set.of("shop", "blog"), Set.copyOf(scheduler.observeAll().stream().map(RunningProcess::app).toList()));
        NetworkPolicy blog = client.network().v1().networkPolicies().inNamespace("paas-apps").withName("blog-from-routers").get();
        assertEquals(Map.of("paas.platform", "paas", "paas.app", "blog"), blog.getSpec().getPodSelector().getMatchLabels());
        Pod blogPod = client.pods().inNamespace("paas-apps").withLabel("paas.app", "blog").list().getItems().get(0);
        assertEquals(List.of(), blogPod.getSpec().getContainers().get(0).getArgs(), "an empty command runs the image's own");
        assertEquals("registry.paas.example:5000/blog:latest", blogPod.getSpec().getContainers().get(0).getImage());
        assertEquals(8080, blogPod.getSpec().getContainers().get(0).getPorts().get(0).getContainerPort());

        rollOut("blog", List.of());
        scheduler.forget("blog");
        assertNull(client.network().v1().networkPolicies().inNamespace("paas-apps").withName("blog-from-routers").get());
        assertEquals(1, client.pods().inNamespace("paas-apps").list().getItems().size(), "shop's pod stays");
        assertNotNull(client.network().v1().networkPolicies().inNamespace("paas-apps").withName("shop-from-routers").get());
    }

    @Test
    void thePodsOutputGoesToTheLogWithItsAppProcessAndTime() throws Exception {
        RunningProcess web = scheduler.start(web(1, 1, 0, Map.of()));
        // the kubelet's part again: what the process printed, as the logs API serves it with timestamps
        server.expect().get().withPath("/api/v1/namespaces/" + NS + "/pods/" + web.name()
                        + "/log?pretty=false&container=process&timestamps=true&follow=true")
                .andReturn(200, "2026-12-05T10:00:00.250000000Z listening on 5000\n2026-12-05T10:00:01Z GET / 200\n").always();
        List<OutputLine> lines = new CopyOnWriteArrayList<>();
        try (Closeable ignored = scheduler.followOutput(lines::addAll)) {
            for (int i = 0; i < 100 && lines.size() < 2; i++) {
                sleep(25);
            }
        }
        assertEquals(List.of(
                new OutputLine(42, "web.1", Instant.parse("2026-12-05T10:00:00.250Z"), false, "listening on 5000"),
                new OutputLine(42, "web.1", Instant.parse("2026-12-05T10:00:01Z"), false, "GET / 200")), lines);
    }

    @Test
    void paasRunIsAOneOffPodWithItsInputOpenWhoseOutputComesThroughAttachAndWhichCloseRemoves() throws Exception {
        ProcessSpec run = new ProcessSpec("shop", "run", 7, 1, 0, "shop@sha256:" + "a".repeat(64), "bash",
                Map.of("PORT", "5000"), 0, 0, false, null, 42);
        // the kubelet's part once more: the attach stream of the pod, once it exists
        Thread streams = new Thread(() -> {
            for (int i = 0; i < 200; i++) {
                var pods = client.pods().inNamespace(NS).withLabel("paas.role", "run").list().getItems();
                if (!pods.isEmpty()) {
                    server.expect().get().withPath("/api/v1/namespaces/" + NS + "/pods/" + pods.get(0).getMetadata().getName()
                                    + "/attach?container=process&stdin=true&stdout=true&stderr=true")
                            .andUpgradeToWebSocket().open(new OutputStreamMessage("hello from run.7\n"))
                            .waitFor(100).andEmit(new StatusStreamMessage(0)).done().always();
                    kubelet.runNow(NS, pods.get(0).getMetadata().getName());
                    return;
                }
                sleep(10);
            }
        });
        kubelet.waitWith("ContainerCreating: the test sets up the pod's attach stream first");
        streams.start();
        io.paas.controller.scheduler.AttachedProcess attached = scheduler.attach(run, false, 0, 0);
        streams.join();
        Pod pod = client.pods().inNamespace(NS).withLabel("paas.role", "run").list().getItems().get(0);
        Container container = pod.getSpec().getContainers().get(0);
        assertEquals(List.of(true, true, false), List.of(container.getStdin(), container.getStdinOnce(), container.getTty()));
        assertEquals(List.of("bash"), container.getArgs());
        assertEquals("run.7", attached.process());

        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        attached.copyOutput((stream, bytes, offset, length) -> out.write(bytes, offset, length));
        assertEquals("hello from run.7\n", out.toString(StandardCharsets.UTF_8));
        attached.close();
        assertEquals(List.of(), client.pods().inNamespace(NS).list().getItems(), "closing removes the pod");
        assertEquals(List.of("paas-registry"), secretNames(), "and its env Secret");
    }

    @Test
    void aWebTypesHttpHealthCheckIsItsPodsReadinessProbe() {
        ProcessSpec checked = new ProcessSpec("shop", "web", 1, 1, 0, "shop:1", "", Map.of("PORT", "5000"), 0, 0,
                false, null, 42, "/health");
        RunningProcess web = scheduler.start(checked);
        var probe = client.pods().inNamespace(NS).withName(web.name()).get().getSpec().getContainers().get(0).getReadinessProbe();
        assertEquals("/health", probe.getHttpGet().getPath());
        assertEquals(new IntOrString(5000), probe.getHttpGet().getPort());
        assertNull(probe.getTcpSocket());
    }

    @Test
    void whatPodsUseComesFromTheMetricsApi() {
        RunningProcess web = scheduler.start(web(1, 1, 0, Map.of()));
        server.expect().get().withPath("/apis/metrics.k8s.io/v1beta1/namespaces/" + NS + "/pods")
                .andReturn(200, new PodMetricsListBuilder().addNewItem().withNewMetadata().withName(web.name())
                        .withNamespace(NS).endMetadata().addNewContainer().withName("process")
                        .addToUsage("memory", new Quantity("64Mi")).addToUsage("cpu", new Quantity("250m"))
                        .endContainer().endItem().build()).always();
        var usage = scheduler.usage(List.of(web)).get(web.containerId());
        assertEquals(64 * MB, usage.memoryBytes());
        assertEquals(25.0, usage.cpuPercent(), 0.001);
    }

    private static ProcessSpec worker(int index, int release) {
        return new ProcessSpec("shop", "worker", index, release, 0, "shop@sha256:" + "a".repeat(64), "node worker.js",
                Map.of("QUEUE", "mail"), 0, 0, true, null, 42);
    }

    /** What DeployService does: start what the plan lacks, wait ready, then stop the rest; answers the last started. */
    private RunningProcess rollOut(List<ProcessSpec> desired) {
        return rollOut("shop", desired);
    }

    private RunningProcess rollOut(String app, List<ProcessSpec> desired) {
        Plan plan = Plan.between(desired, scheduler.observe(app));
        RunningProcess last = null;
        for (ProcessSpec spec : plan.toStart()) {
            last = scheduler.start(spec);
            assertTrue(scheduler.awaitReady(last, Duration.ofSeconds(5)));
        }
        for (RunningProcess old : plan.toStop()) {
            scheduler.stop(old, Duration.ofSeconds(2));
        }
        return last;
    }

    private Pod onlyPod() {
        List<Pod> pods = client.pods().inNamespace(NS).list().getItems();
        assertEquals(1, pods.size(), pods.toString());
        return pods.get(0);
    }

    private List<String> secretNames() {
        List<String> names = new ArrayList<>();
        client.secrets().inNamespace(NS).list().getItems().forEach(s -> names.add(s.getMetadata().getName()));
        Collections.sort(names);
        return names;
    }

    private static Map<String, String> decoded(Secret secret) {
        Map<String, String> env = new TreeMap<>();
        secret.getData().forEach((k, v) -> env.put(k, decode(v)));
        return env;
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    private static ProcessEvent awaitEvent(List<ProcessEvent> events, String action) {
        for (int i = 0; i < 200; i++) {
            for (ProcessEvent e : events) {
                if (e.action().equals(action)) {
                    return e;
                }
            }
            sleep(25);
        }
        throw new AssertionError("no " + action + " event among " + events);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
