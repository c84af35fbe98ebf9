package io.paas.e2e;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A platform of its own on the Kubernetes engine (PAAS_ENGINE=kubernetes): its controller talks to
 * fabric8's mock API server in CRUD mode (no Kubernetes API server can run on this machine), and
 * {@link StandInKubelet} runs the pods the mock holds as Podman containers. A real git push builds,
 * the controller makes the app's pod through the Kubernetes API, the router answers from that pod;
 * then the same kind of load as on Podman runs through a redeploy and a scale with no failed request.
 */
class KubernetesEngineTest {
    private static final String APP = "kube-static";

    @Test
    void aPushIsServedFromItsPodAndARedeployAndAScaleDropNoRequest() throws Exception {
        Map<ServerRequest, Queue<ServerResponse>> expected = new HashMap<>();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), expected,
                new KubernetesMixedDispatcher(expected), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        Path kubeconfig = Files.createTempFile("paas-kubeconfig", ".yaml");
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: mock
                    cluster:
                      server: http://127.0.0.1:%d
                contexts:
                  - name: mock
                    context:
                      cluster: mock
                      user: mock
                current-context: mock
                users:
                  - name: mock
                    user:
                      token: e2e
                """.formatted(server.getPort()));
        Platform platform = Platform.startedWith(Map.of("PAAS_ENGINE", "kubernetes",
                "PAAS_KUBECONFIG", kubeconfig.toString(), "PAAS_CLUSTER_REGISTRY_PLAIN_HTTP", "true",
                "PAAS_KUBERNETES_START_TIMEOUT", "180"));
        try (KubernetesClient client = server.createClient();
             StandInKubelet kubelet = new StandInKubelet(client, platform.dockerSocket(), platform.platformId)) {
            Shell shell = platform.shell();
            Path dir = platform.sample("static-app", APP);
            shell.run(dir, "paas", "apps:create", APP).ok();
            platform.pushUntilServed(APP, dir, "kubernetes engine: first push", "Hello from static", "git", "push", "paas", "main");

            String namespace = platform.platformId + "-" + APP;
            List<Pod> pods = webPods(client, namespace);
            assertEquals(1, pods.size(), pods.toString());
            assertTrue(pods.get(0).getSpec().getContainers().get(0).getImage()
                    .startsWith("127.0.0.1:" + platform.setting("PAAS_REGISTRY_PORT") + "/"), pods.toString());
            assertEquals("Running", pods.get(0).getStatus().getPhase());

            LoadGenerator load = new LoadGenerator(APP, platform.routerPort(), Duration.ofMinutes(6)).start();
            try (load) {
                Thread.sleep(1000);
                Files.writeString(dir.resolve("index.html"), Files.readString(dir.resolve("index.html"))
                        .replace("Hello from static", "Hello again from static"));
                platform.commitAll(dir, "redeploy");
                platform.pushUntilServed(APP, dir, "kubernetes engine: redeploy", "Hello again from static",
                        "git", "push", "paas", "main");
                shell.run(dir, "paas", "scale", "web=2").ok();
                assertEquals(2, webPods(client, namespace).stream()
                        .filter(p -> "Running".equals(p.getStatus().getPhase())).count());
                shell.run(dir, "paas", "scale", "web=1").ok();
                Thread.sleep(1000);
            }
            System.out.println("[zero-downtime, kubernetes engine] " + load.report());
            assertTrue(load.total() > 100, load.report());
            assertEquals(0, load.failures(), load.report());

            shell.run(dir, "paas", "apps:destroy", "--confirm", APP).ok();
            assertEquals(List.of(), client.pods().inNamespace(namespace).list().getItems());
            assertEquals(null, client.namespaces().withName(namespace).get(), "the app's namespace goes with it");
        } finally {
            platform.stop();
            server.destroy();
            Files.deleteIfExists(kubeconfig);
        }
    }

    private static List<Pod> webPods(KubernetesClient client, String namespace) {
        return client.pods().inNamespace(namespace).withLabel("paas.type", "web").list().getItems();
    }
}
