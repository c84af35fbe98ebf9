package io.paas.controller.scheduler.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test code only. Plays the one part of a cluster the scheduler relies on and fabric8's mock API
 * server (CRUD mode) lacks: the kubelet. It runs nothing: a pod the mock stores is reported
 * running at once, with an address of its own (10.88.0.N) and, unless told to hold it back, ready;
 * the test ends pods with {@link #exit} as a process's end would.
 */
final class PlayedKubelet implements AutoCloseable {
    private final KubernetesClient client;
    private final AtomicInteger addresses = new AtomicInteger();
    private volatile boolean holdReady;
    private volatile String waitingReason;
    private final Watch watch;

    PlayedKubelet(KubernetesClient client) {
        this.client = client;
        this.watch = client.pods().inAnyNamespace().watch(new Watcher<Pod>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                if (action == Action.ADDED && (pod.getStatus() == null || pod.getStatus().getPhase() == null)) {
                    run(pod);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    /** Pods started from now on run but are not ready (a process that never listens). */
    void holdReady(boolean hold) {
        this.holdReady = hold;
    }

    /**
     * Runs a pod that waited ({@link #waitWith} "ContainerCreating: ..."), once the test has set up
     * what the pod's streams answer.
     */
    void runNow(String namespace, String name) {
        Pod pod = client.pods().inNamespace(namespace).withName(name).get();
        // after this kubelet made it wait, or that would come after and undo this
        for (int i = 0; i < 200 && (pod.getStatus() == null || pod.getStatus().getPhase() == null); i++) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pod = client.pods().inNamespace(namespace).withName(name).get();
        }
        String reason = waitingReason;
        waitingReason = null;
        run(pod);
        waitingReason = reason;
    }

    /** Pods started from now on wait with this reason (ImagePullBackOff: ...) instead of running; null: run. */
    void waitWith(String reason) {
        this.waitingReason = reason;
    }

    private void run(Pod pod) {
        String now = Instant.now().toString();
        String reason = waitingReason;
        PodBuilder status = new PodBuilder(pod);
        if (reason != null) {
            int colon = reason.indexOf(':');
            status.withNewStatus().withPhase("Pending").addToContainerStatuses(new ContainerStatusBuilder()
                    .withName(ProcessPods.CONTAINER).withReady(false)
                    .withNewState().withNewWaiting().withReason(reason.substring(0, colon))
                    .withMessage(reason.substring(colon + 1).strip()).endWaiting().endState().build()).endStatus();
        } else {
            boolean ready = !holdReady;
            status.withNewStatus().withPhase("Running").withPodIP("10.88.0." + addresses.incrementAndGet())
                    .withStartTime(now)
                    .addToContainerStatuses(new ContainerStatusBuilder().withName(ProcessPods.CONTAINER).withReady(ready)
                            .withNewState().withNewRunning().withStartedAt(now).endRunning().endState().build())
                    .addToConditions(new PodConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False").build())
                    .endStatus();
        }
        client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(status.build()).updateStatus();
    }

    /** The pod's process ends with that status (OOMKilled when told), as the kubelet reports it. */
    void exit(String namespace, String name, int code, boolean outOfMemory) {
        Pod pod = client.pods().inNamespace(namespace).withName(name).get();
        String started = pod.getStatus() != null && pod.getStatus().getStartTime() != null
                ? pod.getStatus().getStartTime() : Instant.now().toString();
        Pod ended = new PodBuilder(pod).editStatus().withPhase(code == 0 ? "Succeeded" : "Failed")
                .withContainerStatuses(new ContainerStatusBuilder().withName(ProcessPods.CONTAINER).withReady(false)
                        .withNewState().withNewTerminated().withExitCode(code)
                        .withReason(outOfMemory ? "OOMKilled" : code == 0 ? "Completed" : "Error")
                        .withStartedAt(started).withFinishedAt(Instant.now().toString()).endTerminated().endState().build())
                .withConditions(new PodConditionBuilder().withType("Ready").withStatus("False").build())
                .endStatus().build();
        client.pods().inNamespace(namespace).resource(ended).updateStatus();
    }

    @Override
    public void close() {
        watch.close();
    }
}
