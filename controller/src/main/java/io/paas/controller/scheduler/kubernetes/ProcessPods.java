package io.paas.controller.scheduler.kubernetes;

import static io.paas.controller.scheduler.ProcessLabels.PLATFORM;
import static io.paas.controller.scheduler.ProcessLabels.APP;
import static io.paas.controller.scheduler.ProcessLabels.TYPE;
import static io.paas.controller.scheduler.ProcessLabels.INDEX;
import static io.paas.controller.scheduler.ProcessLabels.RELEASE;
import static io.paas.controller.scheduler.ProcessLabels.GENERATION;
import static io.paas.controller.scheduler.ProcessLabels.ROLE;
import static io.paas.controller.scheduler.ProcessLabels.COMMAND;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.paas.controller.scheduler.OneOffProcess;
import io.paas.controller.scheduler.ProcessEnd;
import io.paas.controller.scheduler.ProcessSpec;
import io.paas.controller.scheduler.RunningProcess;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a process maps onto a Pod (and the Secret holding its environment): names, labels, the
 * objects themselves, and back from what the API server reports. The same labels as the Docker-API
 * engine's containers, so that what the platform reads stays the same on both engines.
 */
final class ProcessPods {
    /** The app's number: the log's lines are kept by it. */
    static final String APP_ID = "paas.app-id";
    /** The one container of each pod. */
    static final String CONTAINER = "process";
    private static final int DEFAULT_PORT = 5000;

    private final String platformId;

    ProcessPods(String platformId) {
        this.platformId = platformId;
    }

    String platformId() {
        return platformId;
    }

    /**
     * Every pod gets a name of its own (as a ReplicaSet names its pods): a replacement never waits
     * for its predecessor's name to be free, which on a cluster takes the predecessor's grace period.
     */
    String name(ProcessSpec spec) {
        return spec.app() + "-" + safe(spec.type()) + "-" + spec.index() + "-v" + spec.release()
                + (spec.generation() == 0 ? "" : "-g" + spec.generation()) + "-" + suffix();
    }

    String oneOffName(ProcessSpec spec) {
        return spec.app() + "-" + safe(spec.type()) + "-v" + spec.release() + "-" + suffix();
    }

    static String envSecretName(String podName) {
        return podName + "-env";
    }

    Map<String, String> labels(ProcessSpec spec) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(PLATFORM, platformId);
        labels.put(APP, spec.app());
        labels.put(APP_ID, Long.toString(spec.appId()));
        labels.put(TYPE, spec.type());
        labels.put(INDEX, Integer.toString(spec.index()));
        labels.put(RELEASE, Integer.toString(spec.release()));
        labels.put(GENERATION, Integer.toString(spec.generation()));
        return labels;
    }

    /** No type label: one-offs never count as processes (see {@link #fromPod}). */
    Map<String, String> oneOffLabels(ProcessSpec spec) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(PLATFORM, platformId);
        labels.put(APP, spec.app());
        labels.put(APP_ID, Long.toString(spec.appId()));
        labels.put(ROLE, spec.type());
        labels.put(INDEX, Integer.toString(spec.index()));
        labels.put(RELEASE, Integer.toString(spec.release()));
        return labels;
    }

    /** The process's environment (PORT and the release's config vars), never in the pod object itself. */
    Secret envSecret(String namespace, String podName, ProcessSpec spec, Map<String, String> labels) {
        Map<String, String> data = new LinkedHashMap<>();
        spec.env().forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        return new SecretBuilder()
                .withNewMetadata().withName(envSecretName(podName)).withNamespace(namespace).withLabels(labels).endMetadata()
                .withType("Opaque")
                .withImmutable(true)
                .withData(data)
                .build();
    }

    /**
     * The pod's env Secret goes with the pod: the cluster's garbage collector removes it once its
     * owner is gone, whoever deleted the pod.
     */
    static Secret ownedBy(Secret secret, Pod pod) {
        return new SecretBuilder(secret).editMetadata()
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("Pod")
                        .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid()).build())
                .endMetadata().build();
    }

    /**
     * A process's pod. restartPolicy Never: a process that ends is replaced by the controller's
     * reconciler as a new pod (the same as a container on the Docker-API engine), so that its end is
     * seen, reported and backed off the same way on both engines. No service-account token, no service
     * links: an app gets no credentials for the cluster and no other service's address in its env.
     */
    Pod pod(String namespace, String name, ProcessSpec spec, String image, Map<String, String> labels,
            List<String> pullSecrets, boolean oneOff) {
        ContainerBuilder container = new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(image)
                .addNewEnvFrom().withNewSecretRef().withName(envSecretName(name)).endSecretRef().endEnvFrom()
                .withNewSecurityContext().withAllowPrivilegeEscalation(false).endSecurityContext();
        if (spec.command() != null && !spec.command().isEmpty()) {
            // as on the Docker-API engine: through /bin/sh -c in Dockerfile and prebuilt images, else as
            // the argument of the slug image's entrypoint (paas-launch)
            if (spec.shell()) {
                container.withCommand("/bin/sh", "-c").withArgs(spec.command());
            } else {
                container.withArgs(spec.command());
            }
        }
        Map<String, Quantity> limits = limits(spec);
        if (!limits.isEmpty()) {
            container.withNewResources().withLimits(limits).withRequests(limits).endResources();
        }
        if (spec.isWeb() && !oneOff) {
            int port = port(spec.env());
            container.addNewPort().withName("http").withContainerPort(port).withProtocol("TCP").endPort();
            // the process type's health check as the kubelet's readiness probe: an HTTP GET of its
            // path when it has one, else a TCP connect to $PORT, as the controller checks on Podman
            var probe = new ProbeBuilder().withPeriodSeconds(1).withFailureThreshold(1).withSuccessThreshold(1);
            if (spec.healthPath() != null) {
                probe.withNewHttpGet().withPath(spec.healthPath()).withPort(new IntOrString(port)).endHttpGet();
            } else {
                probe.withNewTcpSocket().withPort(new IntOrString(port)).endTcpSocket();
            }
            container.withReadinessProbe(probe.build());
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        if (oneOff && spec.command() != null) {
            annotations.put(COMMAND, spec.command());
        }
        List<LocalObjectReference> secrets = new ArrayList<>();
        for (String secret : pullSecrets) {
            secrets.add(new LocalObjectReference(secret));
        }
        return new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels)
                .withAnnotations(annotations.isEmpty() ? null : annotations).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withImagePullSecrets(secrets.isEmpty() ? null : secrets)
                .withContainers(container.build())
                .endSpec()
                .build();
    }

    /** Memory as bytes, CPU as millicores (ProcessSpec's nano-CPUs / 10^6). */
    static Map<String, Quantity> limits(ProcessSpec spec) {
        Map<String, Quantity> limits = new LinkedHashMap<>();
        if (spec.memoryBytes() > 0) {
            limits.put("memory", new Quantity(Long.toString(spec.memoryBytes())));
        }
        if (spec.nanoCpus() > 0) {
            limits.put("cpu", new Quantity(Math.max(1, spec.nanoCpus() / 1_000_000) + "m"));
        }
        return limits;
    }

    static int port(Map<String, String> env) {
        try {
            return Integer.parseInt(env.getOrDefault("PORT", Integer.toString(DEFAULT_PORT)));
        } catch (NumberFormatException e) {
            return DEFAULT_PORT;
        }
    }

    /** A pod as a process, or null for any other pod (one-offs; builds, should they run here). */
    RunningProcess fromPod(Pod pod) {
        Map<String, String> labels = labelsOf(pod);
        if (!platformId.equals(labels.get(PLATFORM)) || !labels.containsKey(TYPE)
                || !isInt(labels.get(INDEX)) || !isInt(labels.get(RELEASE))) {
            return null;
        }
        String state = state(pod);
        int generation = isInt(labels.get(GENERATION)) ? Integer.parseInt(labels.get(GENERATION)) : 0;
        return new RunningProcess(id(pod), pod.getMetadata().getName(), labels.get(APP), labels.get(TYPE),
                Integer.parseInt(labels.get(INDEX)), Integer.parseInt(labels.get(RELEASE)), generation, state,
                "running".equals(state) ? endpoint(pod) : null, startedAt(pod));
    }

    /** A one-off pod of that role (null: any role), or null for any other pod. */
    OneOffProcess fromOneOff(Pod pod, String role) {
        Map<String, String> labels = labelsOf(pod);
        if (!platformId.equals(labels.get(PLATFORM)) || labels.containsKey(TYPE) || labels.get(ROLE) == null
                || (role != null && !role.equals(labels.get(ROLE)))
                || !isInt(labels.get(INDEX)) || !isInt(labels.get(RELEASE))) {
            return null;
        }
        RunningProcess process = new RunningProcess(id(pod), pod.getMetadata().getName(), labels.get(APP),
                labels.get(ROLE), Integer.parseInt(labels.get(INDEX)), Integer.parseInt(labels.get(RELEASE)), 0,
                state(pod), null, startedAt(pod));
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        return new OneOffProcess(process, annotations == null ? "" : annotations.getOrDefault(COMMAND, ""));
    }

    /** The pod's uid: a replacement of the same name would be another process. */
    static String id(Pod pod) {
        String uid = pod.getMetadata().getUid();
        return uid == null || uid.isEmpty() ? pod.getMetadata().getName() : uid;
    }

    /**
     * The Docker-API engine's words, so that ps and the console read the same on both engines:
     * created (scheduled, pulling, starting), running (its container runs), exited, removing.
     */
    static String state(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return "removing";
        }
        String phase = pod.getStatus() == null || pod.getStatus().getPhase() == null ? "Pending" : pod.getStatus().getPhase();
        return switch (phase) {
            case "Pending" -> "created";
            case "Running" -> terminated(pod).isPresent() ? "exited" : "running";
            case "Succeeded", "Failed" -> "exited";
            default -> phase.toLowerCase(Locale.ROOT);
        };
    }

    static boolean isEnded(Pod pod) {
        return "exited".equals(state(pod));
    }

    /** Ready as the kubelet's readiness probe says (a pod without a probe is ready once it runs). */
    static boolean isReady(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return false;
        }
        for (PodCondition condition : pod.getStatus().getConditions()) {
            if ("Ready".equals(condition.getType())) {
                return "True".equals(condition.getStatus());
            }
        }
        return false;
    }

    /** podIP:PORT for a web process whose pod has an address; null otherwise. */
    static String endpoint(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getPodIP() == null || pod.getStatus().getPodIP().isEmpty()) {
            return null;
        }
        var containers = pod.getSpec() == null ? null : pod.getSpec().getContainers();
        if (containers == null || containers.isEmpty() || containers.get(0).getPorts() == null
                || containers.get(0).getPorts().isEmpty()) {
            return null;
        }
        return pod.getStatus().getPodIP() + ":" + containers.get(0).getPorts().get(0).getContainerPort();
    }

    /** How the pod's process ended (exit status, OOMKilled, how long it ran, its memory limit); empty while it runs. */
    static Optional<ProcessEnd> end(Pod pod) {
        return terminated(pod).map(t -> new ProcessEnd(t.getExitCode() == null ? -1 : t.getExitCode(),
                "OOMKilled".equals(t.getReason()), ProcessEnd.ranFor(time(t.getStartedAt()), time(t.getFinishedAt())),
                memoryLimit(pod)));
    }

    /** The pod's container's terminated state, once it ended. */
    static Optional<ContainerStateTerminated> terminated(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return Optional.empty();
        }
        for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
            if (CONTAINER.equals(status.getName()) && status.getState() != null && status.getState().getTerminated() != null) {
                return Optional.of(status.getState().getTerminated());
            }
        }
        return Optional.empty();
    }

    /** Why a pod that does not run yet waits (ErrImagePull: ..., CreateContainerConfigError: ...), or null. */
    static String waitingReason(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return null;
        }
        for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
            var waiting = status.getState() == null ? null : status.getState().getWaiting();
            if (waiting != null && waiting.getReason() != null && !"ContainerCreating".equals(waiting.getReason())) {
                return waiting.getReason() + (waiting.getMessage() == null ? "" : ": " + waiting.getMessage());
            }
        }
        return null;
    }

    private static long memoryLimit(Pod pod) {
        var containers = pod.getSpec() == null ? null : pod.getSpec().getContainers();
        if (containers == null || containers.isEmpty() || containers.get(0).getResources() == null
                || containers.get(0).getResources().getLimits() == null) {
            return 0;
        }
        Quantity memory = containers.get(0).getResources().getLimits().get("memory");
        return memory == null ? 0 : Quantity.getAmountInBytes(memory).longValue();
    }

    private static Instant startedAt(Pod pod) {
        Instant started = pod.getStatus() == null ? null : time(pod.getStatus().getStartTime());
        if (started == null) {
            started = time(pod.getMetadata().getCreationTimestamp());
        }
        return started == null ? Instant.now() : started;
    }

    static Instant time(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Map<String, String> labelsOf(Pod pod) {
        return pod.getMetadata() == null || pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
    }

    private static boolean isInt(String text) {
        if (text == null || text.isEmpty() || text.length() > 9) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Process types may hold characters a DNS label may not (worker_2): such runs become '-'. */
    static String safe(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]+", "-");
    }

    private static String suffix() {
        String chars = "bcdfghjklmnpqrstvwxz2456789";
        StringBuilder out = new StringBuilder(5);
        for (int i = 0; i < 5; i++) {
            out.append(chars.charAt(ThreadLocalRandom.current().nextInt(chars.length())));
        }
        return out.toString();
    }
}
