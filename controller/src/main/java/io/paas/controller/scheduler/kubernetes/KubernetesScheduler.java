package io.paas.controller.scheduler.kubernetes;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.fabric8.kubernetes.api.model.PodList;
import io.paas.controller.scheduler.AttachedProcess;
import io.paas.controller.scheduler.EngineException;
import io.paas.controller.scheduler.ImageNames;
import io.paas.controller.scheduler.OneOffProcess;
import io.paas.controller.scheduler.OneOffResult;
import io.paas.controller.scheduler.OutputLine;
import io.paas.controller.scheduler.ProcessEnd;
import io.paas.controller.scheduler.ProcessEvent;
import io.paas.controller.scheduler.ProcessSpec;
import io.paas.controller.scheduler.ProcessUsage;
import io.paas.controller.scheduler.PulledImage;
import io.paas.controller.scheduler.RegistryAuth;
import io.paas.controller.scheduler.RunningProcess;
import io.paas.controller.scheduler.Scheduler;
import org.jboss.logging.Logger;

import java.io.Closeable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Kubernetes engine: each process is a Pod the controller's own reconciler manages, as it
 * manages containers on the Docker-API engine (not a Deployment). Why: the controller's rollout
 * order (new pods ready, routes switched and acknowledged by every router, drain, old pods
 * removed) is what makes deploys drop no request, and a Deployment's rolling update would run an
 * order of its own beside it, knowing nothing of the routers; with Pods the same {@code Plan} and
 * reconciler drive both engines, a crashed process is seen and reported the same way, and what the
 * cluster must add is only a kubelet. Pods are restartPolicy Never: the reconciler replaces an
 * ended one from the watch's event within about a second.
 *
 * <p>Tested against fabric8's mock API server in CRUD mode (no API server can run on the machines
 * this is built on): it stores objects and serves watches, but runs no kubelet; the tests play the
 * kubelet's part.
 */
public class KubernetesScheduler implements Scheduler, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KubernetesScheduler.class);
    /** What a one-off stopped from outside (ps:stop) ended with, as on the Docker-API engine: SIGTERM's. */
    private static final int STOPPED_STATUS = 143;
    private static final Set<String> HOPELESS = Set.of("ImagePullBackOff", "InvalidImageName", "CreateContainerError",
            "ErrImageNeverPull");

    private final KubernetesClient client;
    private final KubernetesLayout layout;
    private final ProcessPods pods;
    private final AppNamespaces namespaces;
    private final RegistryManifests manifests;
    private final PodOutput output;

    /**
     * @param plainHttpRegistries registries the controller reads manifests from over plain HTTP
     * @param outputState         where the pods' output is followed from across restarts (null: from now on)
     */
    public KubernetesScheduler(KubernetesClient client, KubernetesLayout layout, Set<String> plainHttpRegistries,
                               Path outputState) {
        this.client = client;
        this.layout = layout;
        this.pods = new ProcessPods(layout.platformId());
        this.namespaces = new AppNamespaces(client, layout);
        this.manifests = new RegistryManifests(plainHttpRegistries);
        this.output = new PodOutput(client, pods, namespaces, outputState);
    }

    /** A client from the kubeconfig file given, or else as fabric8 finds one (KUBECONFIG, ~/.kube/config, in-cluster). */
    public static KubernetesClient connect(String kubeconfig) {
        try {
            Config config = kubeconfig == null || kubeconfig.isBlank() ? Config.autoConfigure(null)
                    : Config.fromKubeconfig(null, Files.readString(Path.of(kubeconfig)), kubeconfig);
            return new KubernetesClientBuilder().withConfig(config).build();
        } catch (java.io.IOException e) {
            throw new EngineException("cannot read the kubeconfig " + kubeconfig + ": " + e.getMessage(), e);
        }
    }

    @Override
    public RunningProcess start(ProcessSpec spec) {
        return api("start " + spec.app() + " " + spec.type() + "." + spec.index(), () -> {
            namespaces.prepare(spec.app());
            String name = pods.name(spec);
            Pod pod = create(spec, name, pods.labels(spec), false, false, false);
            return pods.fromPod(awaitStarted(pod, spec));
        });
    }

    /** The env Secret, then the pod, then the Secret owned by the pod (so that the cluster removes it with it). */
    private Pod create(ProcessSpec spec, String name, Map<String, String> labels, boolean oneOff, boolean attached,
                       boolean tty) {
        String namespace = namespaces.of(spec.app());
        List<String> pullSecrets = namespaces.pullSecrets(spec.app(), spec.pullAuth());
        Secret env = client.secrets().inNamespace(namespace).resource(pods.envSecret(namespace, name, spec, labels)).create();
        Pod wanted = pods.pod(namespace, name, spec, qualify(spec.image()), labels, pullSecrets, oneOff);
        if (attached) {
            wanted = new PodBuilder(wanted).editSpec().editFirstContainer().withStdin(true).withStdinOnce(true)
                    .withTty(tty).endContainer().endSpec().build();
        }
        Pod pod;
        try {
            pod = client.pods().inNamespace(namespace).resource(wanted).create();
        } catch (KubernetesClientException e) {
            client.secrets().inNamespace(namespace).resource(env).delete();
            throw e;
        }
        client.secrets().inNamespace(namespace).withName(env.getMetadata().getName()).edit(s -> ProcessPods.ownedBy(s, pod));
        return pod;
    }

    /** Until the kubelet runs the pod's container (or it ended, or cannot start); a pod that cannot start is removed. */
    private Pod awaitStarted(Pod pod, ProcessSpec spec) {
        PodResource resource = resource(pod);
        try {
            Pod started = resource.waitUntilCondition(p -> p == null || !"created".equals(ProcessPods.state(p))
                    || HOPELESS.contains(firstWord(ProcessPods.waitingReason(p))),
                    layout.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (started == null) {
                throw new EngineException("cannot start " + pod.getMetadata().getName() + ": its pod was deleted");
            }
            if (!"created".equals(ProcessPods.state(started))) {
                return started;
            }
            remove(pod, Duration.ZERO);
            throw new EngineException("cannot start " + spec.app() + " " + spec.type() + "." + spec.index() + ": "
                    + ProcessPods.waitingReason(started));
        } catch (KubernetesClientTimeoutException e) {
            Pod now = resource.get();
            String why = now == null ? null : ProcessPods.waitingReason(now);
            remove(pod, Duration.ZERO);
            throw new EngineException("cannot start " + spec.app() + " " + spec.type() + "." + spec.index()
                    + ": its pod did not run within " + layout.startTimeout().toSeconds() + " s"
                    + (why == null ? " (no node took it, or its image is still pulling)" : ": " + why));
        }
    }

    @Override
    public boolean awaitReady(RunningProcess process, Duration timeout) {
        return api("wait for " + process.name(), () -> {
            PodResource resource = resource(process);
            try {
                Pod pod = resource.waitUntilCondition(p -> p == null || ProcessPods.isEnded(p)
                                || (process.endpoint() == null ? "running".equals(ProcessPods.state(p)) : ProcessPods.isReady(p)),
                        Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
                return pod != null && "running".equals(ProcessPods.state(pod))
                        && (process.endpoint() == null || ProcessPods.isReady(pod));
            } catch (KubernetesClientTimeoutException e) {
                return false;
            }
        });
    }

    @Override
    public Optional<ProcessEnd> ended(RunningProcess process) {
        return api("read " + process.name(), () -> {
            Pod pod = resource(process).get();
            return pod == null || !ProcessPods.id(pod).equals(process.containerId()) ? Optional.empty() : ProcessPods.end(pod);
        });
    }

    @Override
    public void stop(RunningProcess process, Duration grace) {
        api("stop " + process.name(), () -> {
            remove(namespaces.of(process.app()), process.name(), grace);
            return null;
        });
    }

    @Override
    public String recentLogs(RunningProcess process, int lines) {
        try {
            String log = resource(process).inContainer(ProcessPods.CONTAINER).tailingLines(lines).getLog();
            return log == null ? "" : log;
        } catch (KubernetesClientException e) {
            return "";
        }
    }

    @Override
    public void forget(String app) {
        api("remove what " + app + " had", () -> {
            namespaces.forget(app);
            return null;
        });
    }

    @Override
    public OneOffResult runOnce(ProcessSpec spec, Duration timeout) {
        return api("run " + spec.app() + " " + spec.type(), () -> {
            namespaces.prepare(spec.app());
            Pod pod = create(spec, pods.oneOffName(spec), pods.oneOffLabels(spec), true, false, false);
            PodResource resource = resource(pod);
            try {
                Pod end;
                boolean timedOut = false;
                try {
                    end = resource.waitUntilCondition(p -> p == null || ProcessPods.isEnded(p),
                            Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
                } catch (KubernetesClientTimeoutException e) {
                    end = resource.get();
                    timedOut = true;
                }
                String printed = end == null ? "" : recentLogs(pods.fromOneOff(end, null).process(), 200);
                if (end == null) {
                    return new OneOffResult(STOPPED_STATUS, printed, false);
                }
                int code = ProcessPods.end(end).map(e -> (int) e.exitCode()).orElse(-1);
                return new OneOffResult(timedOut ? -1 : code, printed, timedOut);
            } finally {
                remove(pod, Duration.ZERO);
            }
        });
    }

    @Override
    public AttachedProcess attach(ProcessSpec spec, boolean tty, int rows, int columns) {
        return api("run " + spec.app() + " " + spec.type(), () -> {
            namespaces.prepare(spec.app());
            ProcessSpec sized = spec;
            if (tty && rows > 0 && columns > 0) {
                // as on the Docker-API engine: what reads the terminal's size at once finds it in the env
                Map<String, String> env = new java.util.LinkedHashMap<>(spec.env());
                env.put("COLUMNS", Integer.toString(columns));
                env.put("LINES", Integer.toString(rows));
                env.putIfAbsent("TERM", "xterm-256color");
                sized = new ProcessSpec(spec.app(), spec.type(), spec.index(), spec.release(), spec.generation(),
                        spec.image(), spec.command(), env, spec.memoryBytes(), spec.nanoCpus(), spec.shell(),
                        spec.pullAuth(), spec.appId());
            }
            Pod wanted = create(sized, pods.oneOffName(spec), pods.oneOffLabels(spec), true, true, tty);
            Pod started = awaitStarted(wanted, spec);
            return PodAttach.open(resource(started), started, tty, () -> remove(started, Duration.ZERO));
        });
    }

    @Override
    public PulledImage pull(String image, RegistryAuth auth) {
        return manifests.pin(qualify(image), auth);
    }

    @Override
    public List<RunningProcess> observe(String app) {
        return api("list " + app + "'s pods", () -> processes(namespaces.appPods(app).list()));
    }

    @Override
    public List<RunningProcess> observeAll() {
        return api("list the platform's pods", () -> processes(namespaces.platformPods().list()));
    }

    @Override
    public List<OneOffProcess> oneOffs(String app, String role) {
        return api("list one-off pods", () -> {
            var listed = app == null ? namespaces.platformPods() : namespaces.appPods(app);
            List<OneOffProcess> found = new ArrayList<>();
            for (Pod pod : listed.list().getItems()) {
                OneOffProcess oneOff = pods.fromOneOff(pod, role);
                if (oneOff != null) {
                    found.add(oneOff);
                }
            }
            return found;
        });
    }

    @Override
    public Closeable watch(Consumer<ProcessEvent> onEvent, Consumer<Throwable> onEnd) {
        PodEvents events = new PodEvents(pods);
        Watch watch = api("watch the platform's pods", () -> {
            // list, then watch from the list's version: the pods as they are now say nothing (a watch
            // from no version would send each one as ADDED); only what changes after is an event
            PodList now = namespaces.platformPods().list();
            now.getItems().forEach(events::know);
            return namespaces.platformPods().withResourceVersion(now.getMetadata().getResourceVersion()).watch(new Watcher<Pod>() {
                @Override
                public void eventReceived(Action action, Pod pod) {
                    ProcessEvent event = events.of(action.name(), pod);
                    if (event != null) {
                        onEvent.accept(event);
                    }
                }

                @Override
                public void onClose(WatcherException cause) {
                    onEnd.accept(cause);
                }

                @Override
                public void onClose() {
                    // closed by the caller
                }
            });
        });
        return watch::close;
    }

    @Override
    public Map<String, ProcessUsage> usage(List<RunningProcess> processes) {
        return PodUsage.of(client, namespaces, processes);
    }

    @Override
    public Closeable followOutput(Consumer<List<OutputLine>> onLines) {
        return output.follow(onLines);
    }

    @Override
    public void close() {
        output.close();
        client.close();
    }

    private List<RunningProcess> processes(PodList list) {
        List<RunningProcess> found = new ArrayList<>();
        for (Pod pod : list.getItems()) {
            RunningProcess process = pods.fromPod(pod);
            if (process != null) {
                found.add(process);
            }
        }
        return found;
    }

    /** The pod and its env Secret (the cluster's garbage collector would remove the Secret with its owner; not every API runs one). */
    private void remove(String namespace, String podName, Duration grace) {
        client.pods().inNamespace(namespace).withName(podName).withGracePeriod(Math.max(0, grace.toSeconds())).delete();
        client.secrets().inNamespace(namespace).withName(ProcessPods.envSecretName(podName)).delete();
    }

    private void remove(Pod pod, Duration grace) {
        remove(pod.getMetadata().getNamespace(), pod.getMetadata().getName(), grace);
    }

    private PodResource resource(Pod pod) {
        return client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName());
    }

    private PodResource resource(RunningProcess process) {
        return client.pods().inNamespace(namespaces.of(process.app())).withName(process.name());
    }

    /** Images named without a registry come from the platform's, as on the Docker-API engine. */
    String qualify(String image) {
        return ImageNames.qualify(layout.registry(), image);
    }

    private static String firstWord(String reason) {
        if (reason == null) {
            return "";
        }
        int colon = reason.indexOf(':');
        return colon < 0 ? reason : reason.substring(0, colon);
    }

    /** The API server's refusals and silences as the engine errors the rest of the controller handles. */
    private static <T> T api(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (KubernetesClientException e) {
            LOG.debugf(e, "cannot %s", what);
            throw new EngineException("cannot " + what + ": the Kubernetes API answers "
                    + (e.getCode() > 0 ? e.getCode() + " " : "") + message(e), e);
        }
    }

    private static String message(KubernetesClientException e) {
        if (e.getStatus() != null && e.getStatus().getMessage() != null) {
            return e.getStatus().getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
