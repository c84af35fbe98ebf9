package io.paas.controller.scheduler.kubernetes;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.server.mock.OutputStreamMessage;
import io.fabric8.kubernetes.client.server.mock.StatusStreamMessage;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.paas.controller.scheduler.ProcessSpec;
import io.paas.controller.scheduler.RegistryAuth;
import io.paas.controller.scheduler.RunningProcess;
import org.junit.jupiter.api.Test;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * infra/kubernetes/ against the code: every manifest parses into typed objects; the controller's
 * ClusterRole grants exactly what the Kubernetes engine's requests need (recorded from the engine
 * at work against the mock API server, not from a list kept by hand); every PAAS_ variable a
 * manifest sets is one its service's code reads; Services, ports, Secrets and images fit together.
 */
class ManifestsTest {
    private static final Path DIR = Path.of("..", "infra", "kubernetes");
    private static final String ENGINE_AGENT = "paas-kubernetes-engine";

    @Test
    void everyManifestParsesIntoTypedObjectsAndTheKustomizationListsThemAll() throws IOException {
        List<HasMetadata> objects = objects();
        assertTrue(objects.size() >= 15, objects.size() + " objects");
        String kustomization = Files.readString(DIR.resolve("kustomization.yaml"));
        try (Stream<Path> files = Files.list(DIR)) {
            files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml"))
                    .forEach(n -> assertTrue(kustomization.contains("- " + n), n + " is not in kustomization.yaml"));
        }
        for (HasMetadata o : objects) {
            if (!o.getKind().startsWith("ClusterRole") && !o.getKind().equals("Namespace")) {
                assertEquals("paas", o.getMetadata().getNamespace(), o.getKind() + " " + o.getMetadata().getName());
            }
        }
    }

    @Test
    void theControllersClusterRoleGrantsExactlyWhatTheEngineAsks() throws Exception {
        Set<String> used = requestsOfTheEngine();
        // attach opens a websocket with a GET; API servers from 1.30 on also ask for create on
        // pods/attach for it (KEP-4006), which no request shows
        used.add("/pods/attach:create");
        Set<String> granted = new TreeSet<>();
        ClusterRole role = only(ClusterRole.class, "paas-controller");
        for (PolicyRule rule : role.getRules()) {
            for (String group : rule.getApiGroups()) {
                for (String resource : rule.getResources()) {
                    for (String verb : rule.getVerbs()) {
                        granted.add(group + "/" + resource + ":" + verb);
                    }
                }
            }
        }
        assertEquals(new TreeSet<>(used), granted);
    }

    @Test
    void theControllerIsConfiguredForTheKubernetesEngineAndTheRoutersItLetsIn() throws IOException {
        Map<String, String> env = env(container(only(Deployment.class, "paas-controller").getSpec().getTemplate()));
        assertEquals("kubernetes", env.get("PAAS_ENGINE"));
        Deployment routers = only(Deployment.class, "paas-router");
        assertEquals(routers.getMetadata().getNamespace(), env.get("PAAS_KUBERNETES_NAMESPACE"));
        Map<String, String> routerPodLabels = routers.getSpec().getTemplate().getMetadata().getLabels();
        for (var label : io.paas.controller.platform.SchedulerProducer.labels(env.get("PAAS_KUBERNETES_ROUTER_LABELS")).entrySet()) {
            assertEquals(label.getValue(), routerPodLabels.get(label.getKey()), "the routers' pods carry " + label);
        }
        Map<String, String> controllerPodLabels = only(Deployment.class, "paas-controller").getSpec().getTemplate()
                .getMetadata().getLabels();
        for (var label : io.paas.controller.platform.SchedulerProducer.labels(env.get("PAAS_KUBERNETES_CONTROLLER_LABELS")).entrySet()) {
            assertEquals(label.getValue(), controllerPodLabels.get(label.getKey()), "the controller's pods carry " + label);
        }
        assertEquals("paas-controller", only(Deployment.class, "paas-controller").getSpec().getTemplate().getSpec()
                .getServiceAccountName(), "the account the ClusterRole is bound to");
        for (String service : List.of("paas-builder", "paas-router")) {
            assertEquals("paas-service", only(Deployment.class, service).getSpec().getTemplate().getSpec().getServiceAccountName(),
                    service + " has no rights on the cluster");
        }
    }

    @Test
    void everyVariableAManifestSetsIsOneItsServiceReads() throws IOException {
        Map<String, List<Path>> sources = Map.of(
                "paas-controller", List.of(Path.of("src/main/java"), Path.of("src/main/resources")),
                "paas-builder", List.of(Path.of("../builder/src/main/java")),
                "paas-router", List.of(Path.of("../router/src/main/java")));
        for (var entry : sources.entrySet()) {
            String code = read(entry.getValue());
            Container container = container(only(Deployment.class, entry.getKey()).getSpec().getTemplate());
            for (EnvVar var : container.getEnv()) {
                if (var.getName().startsWith("PAAS_")) {
                    // read by name, or as the config property MicroProfile Config maps it to (PAAS_A_B: paas.a.b)
                    String property = var.getName().toLowerCase(java.util.Locale.ROOT).replace('_', '.');
                    assertTrue(code.contains("\"" + var.getName() + "\"") || code.contains("${" + var.getName())
                                    || code.contains("\n" + property + "="),
                            entry.getKey() + " sets " + var.getName() + ", which its code never reads");
                }
            }
        }
    }

    @Test
    void servicesPortsSecretsAndImagesFitTogether() throws IOException {
        List<HasMetadata> objects = objects();
        Map<String, PodTemplateSpec> workloads = new LinkedHashMap<>();
        for (HasMetadata o : objects) {
            if (o instanceof Deployment d) {
                workloads.put(d.getMetadata().getName(), d.getSpec().getTemplate());
            } else if (o instanceof StatefulSet s) {
                workloads.put(s.getMetadata().getName(), s.getSpec().getTemplate());
            }
        }
        for (HasMetadata o : objects) {
            if (!(o instanceof Service service)) {
                continue;
            }
            PodTemplateSpec target = workloads.values().stream()
                    .filter(t -> t.getMetadata().getLabels().entrySet().containsAll(service.getSpec().getSelector().entrySet()))
                    .findFirst().orElse(null);
            assertNotNull(target, "service " + service.getMetadata().getName() + " selects no pods");
            Set<String> portNames = new TreeSet<>();
            for (Container c : target.getSpec().getContainers()) {
                for (ContainerPort p : c.getPorts()) {
                    portNames.add(p.getName());
                }
            }
            for (ServicePort port : service.getSpec().getPorts()) {
                assertTrue(portNames.contains(port.getTargetPort().getStrVal()),
                        service.getMetadata().getName() + " targets " + port.getTargetPort() + ", not among " + portNames);
            }
        }
        Map<String, Set<String>> secretKeys = new HashMap<>();
        for (HasMetadata o : objects) {
            if (o instanceof Secret s) {
                secretKeys.put(s.getMetadata().getName(), s.getStringData().keySet());
            }
        }
        String kustomization = Files.readString(DIR.resolve("kustomization.yaml"));
        for (var workload : workloads.entrySet()) {
            for (Container c : workload.getValue().getSpec().getContainers()) {
                if (c.getImage().startsWith("paas/")) {
                    assertTrue(kustomization.contains("- name: " + c.getImage() + "\n"), c.getImage() + " is not in kustomization's images");
                    assertTrue(Files.readString(DIR.resolve("images.sh")).contains(c.getImage().substring("paas/".length())),
                            c.getImage() + " is not built by images.sh");
                }
                for (EnvVar var : c.getEnv()) {
                    if (var.getValueFrom() != null && var.getValueFrom().getSecretKeyRef() != null) {
                        var ref = var.getValueFrom().getSecretKeyRef();
                        assertTrue(secretKeys.getOrDefault(ref.getName(), Set.of()).contains(ref.getKey()),
                                workload.getKey() + " reads " + ref.getName() + "/" + ref.getKey() + ", which secrets.yaml lacks");
                    }
                }
            }
        }
    }

    /** The engine at work on a mock API server in CRUD mode: group/resource:verb of each request it made. */
    private static Set<String> requestsOfTheEngine() throws Exception {
        Map<ServerRequest, Queue<ServerResponse>> expected = new HashMap<>();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), expected,
                new KubernetesMixedDispatcher(expected), false);
        server.init();
        try (KubernetesClient kubelet = server.createClient(); PlayedKubelet played = new PlayedKubelet(kubelet)) {
            KubernetesLayout layout = new KubernetesLayout("paas", true, "paas-apps", "paas",
                    Map.of("app.kubernetes.io/name", "paas-router"),
                Map.of("app.kubernetes.io/name", "paas-controller"), "registry.example.com",
                    new RegistryAuth("registry.example.com", "paas", "pw"), Duration.ofSeconds(5));
            ProcessSpec web = new ProcessSpec("shop", "web", 1, 1, 0, "shop:1", "", Map.of("PORT", "5000"), 0, 0,
                    false, new RegistryAuth("ghcr.io", "me", "token"), 1);
            // a first controller run, then a second (a restart): what exists already is updated
            for (int run = 0; run < 2; run++) {
                try (KubernetesScheduler scheduler = new KubernetesScheduler(engineClient(server), layout, Set.of(), null)) {
                    try (Closeable events = scheduler.watch(e -> { }, e -> { });
                         Closeable output = scheduler.followOutput(lines -> { })) {
                        RunningProcess process = scheduler.start(web);
                        scheduler.awaitReady(process, Duration.ofSeconds(5));
                        scheduler.ended(process);
                        scheduler.recentLogs(process, 10);
                        scheduler.observe("shop");
                        scheduler.observeAll();
                        scheduler.oneOffs(null, null);
                        scheduler.usage(List.of(process));
                        scheduler.stop(process, Duration.ZERO);
                        attachOnce(server, kubelet, played, scheduler);
                    }
                    if (run == 1) {
                        scheduler.forget("shop");
                    }
                }
            }
            Set<String> used = new TreeSet<>();
            for (RecordedRequest r; (r = server.takeRequest(200, TimeUnit.MILLISECONDS)) != null; ) {
                if (ENGINE_AGENT.equals(r.getHeader("User-Agent"))) {
                    used.add(permission(r.getMethod(), r.getPath()));
                }
            }
            return used;
        } finally {
            server.destroy();
        }
    }

    /** A `paas run` through attach, its stream served by the mock once the pod exists. */
    private static void attachOnce(KubernetesMockServer server, KubernetesClient kubelet, PlayedKubelet played,
                                   KubernetesScheduler scheduler) throws Exception {
        played.waitWith("ContainerCreating: the test sets up the pod's attach stream first");
        Thread streams = new Thread(() -> {
            for (int i = 0; i < 200; i++) {
                var pods = kubelet.pods().inNamespace("paas-shop").withLabel("paas.role", "run").list().getItems();
                if (!pods.isEmpty()) {
                    server.expect().get().withPath("/api/v1/namespaces/paas-shop/pods/" + pods.get(0).getMetadata().getName()
                                    + "/attach?container=process&stdin=true&stdout=true&stderr=true")
                            .andUpgradeToWebSocket().open(new OutputStreamMessage("hi\n"))
                            .waitFor(50).andEmit(new StatusStreamMessage(0)).done().always();
                    played.runNow("paas-shop", pods.get(0).getMetadata().getName());
                    return;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        streams.start();
        ProcessSpec run = new ProcessSpec("shop", "run", 1, 1, 0, "shop:1", "bash", Map.of(), 0, 0, false, null, 1);
        try (var attached = scheduler.attach(run, false, 0, 0)) {
            streams.join();
            attached.copyOutput((stream, bytes, offset, length) -> { });
        } finally {
            played.waitWith(null);
        }
    }

    private static KubernetesClient engineClient(KubernetesMockServer server) {
        Config config = new ConfigBuilder().withMasterUrl(server.url("/")).withTrustCerts(true)
                .withUserAgent(ENGINE_AGENT).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** A request as RBAC sees it: apiGroup/resource[/subresource]:verb. */
    static String permission(String method, String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        List<String> parts = new ArrayList<>(List.of(path.substring(1).split("/")));
        String group = "";
        if (parts.get(0).equals("api")) {
            parts.subList(0, 2).clear();
        } else {
            group = parts.get(1);
            parts.subList(0, 3).clear();
        }
        if (parts.size() >= 3 && parts.get(0).equals("namespaces")) {
            parts.subList(0, 2).clear(); // a namespaced resource: namespaces/NS/RESOURCE[/NAME[/SUB]]
        }
        String resource = parts.get(0);
        String name = parts.size() > 1 ? parts.get(1) : null;
        String sub = parts.size() > 2 ? "/" + parts.get(2) : "";
        String verb = switch (method) {
            case "GET" -> query.contains("watch=true") ? "watch" : name == null ? "list" : "get";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> name == null ? "deletecollection" : "delete";
            default -> method.toLowerCase(java.util.Locale.ROOT);
        };
        return group + "/" + resource + sub + ":" + verb;
    }

    private static String read(List<Path> roots) throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path root : roots) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    all.append(Files.readString(f)).append('\n');
                }
            }
        }
        return all.toString();
    }

    private static Container container(PodTemplateSpec template) {
        return template.getSpec().getContainers().get(0);
    }

    private static Map<String, String> env(Container container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar var : container.getEnv()) {
            env.put(var.getName(), var.getValue());
        }
        return env;
    }

    private static <T extends HasMetadata> T only(Class<T> kind, String name) throws IOException {
        List<T> found = new ArrayList<>();
        for (HasMetadata o : objects()) {
            if (kind.isInstance(o) && name.equals(o.getMetadata().getName())) {
                found.add(kind.cast(o));
            }
        }
        assertEquals(1, found.size(), kind.getSimpleName() + " " + name);
        return found.get(0);
    }

    private static List<HasMetadata> objects() throws IOException {
        List<HasMetadata> objects = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml") && !p.endsWith("kustomization.yaml")).sorted().toList()) {
                for (String doc : Files.readString(file).split("(?m)^---$")) {
                    if (doc.lines().allMatch(l -> l.isBlank() || l.startsWith("#"))) {
                        continue;
                    }
                    Object parsed = Serialization.unmarshal(doc);
                    assertTrue(parsed instanceof HasMetadata, file + ": " + parsed);
                    assertFalse(parsed.getClass().getSimpleName().startsWith("Generic"), file + ": an untyped " + parsed.getClass());
                    objects.add((HasMetadata) parsed);
                }
            }
        }
        return objects;
    }
}
