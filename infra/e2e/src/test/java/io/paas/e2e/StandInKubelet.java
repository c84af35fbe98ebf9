package io.paas.e2e;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test code only, and not a kubelet: it plays the one part of a cluster the Kubernetes engine needs
 * and fabric8's mock API server lacks. Each pod the mock API holds is run as a real Podman
 * container (through the test platform's Podman service, which pulls from the platform registry),
 * with the pod's env Secret as its environment, its command and args, its container port published
 * on an address of its own (127.0.0.N, which stands for the pod's IP); the pod's status then says
 * Running with that address, Ready once the port accepts connections (the readiness probe's part),
 * and Failed or Succeeded with the exit code when the container ends. A deleted pod's container is
 * removed. Not simulated: scheduling onto nodes, resources, NetworkPolicy, probes other than TCP,
 * restart policies (the engine asks for Never), logs and attach.
 */
final class StandInKubelet implements AutoCloseable {
    private final KubernetesClient client;
    private final String podmanUrl;
    private final String label;
    private final Shell shell = new Shell();
    private final AtomicInteger addresses = new AtomicInteger(10);
    private final Map<String, String> running = new ConcurrentHashMap<>();
    private final java.util.Set<String> ended = ConcurrentHashMap.newKeySet();
    private final ExecutorService work = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "stand-in-kubelet");
        t.setDaemon(true);
        return t;
    });
    private final Watch watch;
    private volatile boolean closed;

    StandInKubelet(KubernetesClient client, Path podmanSocket, String label) {
        this.client = client;
        this.podmanUrl = "unix://" + podmanSocket;
        this.label = label;
        this.watch = client.pods().inAnyNamespace().watch(new Watcher<Pod>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                if (action == Action.ADDED && (pod.getStatus() == null || pod.getStatus().getPhase() == null)) {
                    work.submit(() -> run(pod));
                } else if (action == Action.DELETED) {
                    work.submit(() -> remove(pod));
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    private void run(Pod pod) {
        String namespace = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        Container container = pod.getSpec().getContainers().get(0);
        String ip = "127.0.0." + addresses.incrementAndGet();
        List<String> command = new ArrayList<>(List.of("podman", "--url", podmanUrl, "run", "-d", "--name", name,
                "--label", "paas.stand-in=" + label));
        for (var from : container.getEnvFrom()) {
            Secret env = awaitSecret(namespace, from.getSecretRef().getName());
            env.getData().forEach((k, v) -> {
                command.add("--env");
                command.add(k + "=" + new String(Base64.getDecoder().decode(v), StandardCharsets.UTF_8));
            });
        }
        Integer port = container.getPorts().isEmpty() ? null : container.getPorts().get(0).getContainerPort();
        if (port != null) {
            command.add("--publish");
            command.add(ip + ":" + port + ":" + port);
        }
        if (!container.getCommand().isEmpty()) {
            command.add("--entrypoint");
            command.add("[\"" + String.join("\",\"", container.getCommand()) + "\"]");
        }
        command.add(container.getImage());
        command.addAll(container.getArgs());
        Shell.Result started = shell.run(Path.of("."), 5, command.toArray(String[]::new));
        if (started.exit() != 0) {
            status(namespace, name, p -> p.withNewStatus().withPhase("Pending").addToContainerStatuses(new ContainerStatusBuilder()
                    .withName(container.getName()).withNewState().withNewWaiting().withReason("CreateContainerError")
                    .withMessage(started.output().strip()).endWaiting().endState().build()).endStatus());
            return;
        }
        running.put(namespace + "/" + name, name);
        String now = Instant.now().toString();
        status(namespace, name, p -> p.withNewStatus().withPhase("Running").withPodIP(ip).withStartTime(now)
                .addToContainerStatuses(new ContainerStatusBuilder().withName(container.getName()).withReady(false)
                        .withNewState().withNewRunning().withStartedAt(now).endRunning().endState().build())
                .addToConditions(new PodConditionBuilder().withType("Ready").withStatus("False").build()).endStatus());
        String key = namespace + "/" + name;
        // the container's end, as `podman wait` reports it (one process per pod, no polling)
        work.submit(() -> {
            String code = shell.run(Path.of("."), 120, "podman", "--url", podmanUrl, "wait", name).output().strip();
            if (closed || !running.containsKey(key) || !code.matches("-?\\d+")) {
                return; // removed (a deleted pod), not ended
            }
            String oom = shell.run(Path.of("."), 1, "podman", "--url", podmanUrl, "inspect", "--format",
                    "{{.State.OOMKilled}}", name).output().strip();
            int exit = Integer.parseInt(code);
            ended.add(key);
            String ended = Instant.now().toString();
            status(namespace, name, p -> p.editStatus().withPhase(exit == 0 ? "Succeeded" : "Failed")
                    .withContainerStatuses(new ContainerStatusBuilder().withName(container.getName()).withReady(false)
                            .withNewState().withNewTerminated().withExitCode(exit)
                            .withReason("true".equals(oom) ? "OOMKilled" : exit == 0 ? "Completed" : "Error")
                            .withStartedAt(now).withFinishedAt(ended).endTerminated().endState().build())
                    .withConditions(new PodConditionBuilder().withType("Ready").withStatus("False").build()).endStatus());
        });
        // the readiness probe's part: ready once the port accepts connections
        while (!closed && running.containsKey(key) && !ended.contains(key) && port != null && !accepts(ip, port)) {
            sleep(50);
        }
        synchronized (this) {
            if (closed || !running.containsKey(key) || ended.contains(key)) {
                return;
            }
            status(namespace, name, p -> p.editStatus()
                    .withContainerStatuses(new ContainerStatusBuilder().withName(container.getName()).withReady(true)
                            .withNewState().withNewRunning().withStartedAt(now).endRunning().endState().build())
                    .withConditions(new PodConditionBuilder().withType("Ready").withStatus("True").build()).endStatus());
        }
    }

    private Secret awaitSecret(String namespace, String name) {
        for (int i = 0; i < 100; i++) {
            Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
            if (secret != null) {
                return secret;
            }
            sleep(50);
        }
        throw new IllegalStateException("no Secret " + namespace + "/" + name);
    }

    private void remove(Pod pod) {
        String key = pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        running.remove(key);
        shell.run(Path.of("."), 1, "podman", "--url", podmanUrl, "rm", "-f", "-t", "0", pod.getMetadata().getName());
    }

    private interface Edit {
        PodBuilder apply(PodBuilder pod);
    }

    private synchronized void status(String namespace, String name, Edit edit) {
        Pod now = client.pods().inNamespace(namespace).withName(name).get();
        if (now == null) {
            return;
        }
        client.pods().inNamespace(namespace).resource(edit.apply(new PodBuilder(now)).build()).updateStatus();
    }

    private static boolean accepts(String ip, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(ip, port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        watch.close();
        work.shutdown();
        work.awaitTermination(10, TimeUnit.SECONDS);
        shell.run(Path.of("."), 1, "sh", "-c", "podman --url " + podmanUrl + " ps -aq --filter label=paas.stand-in=" + label
                + " | xargs -r podman --url " + podmanUrl + " rm -f -t 0");
    }
}
