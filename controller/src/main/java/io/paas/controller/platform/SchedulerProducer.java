package io.paas.controller.platform;

import io.paas.controller.scheduler.RegistryAuth;
import io.paas.controller.scheduler.Scheduler;
import io.paas.controller.scheduler.docker.Confinement;
import io.paas.controller.scheduler.docker.EngineScheduler;
import io.paas.controller.scheduler.kubernetes.KubernetesLayout;
import io.paas.controller.scheduler.kubernetes.KubernetesScheduler;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the engine behind the Scheduler interface (PAAS_ENGINE): the Docker API (Podman or
 * Docker) on one machine, or a Kubernetes cluster. Only the chosen engine's classes are loaded.
 */
public class SchedulerProducer {
    @Produces
    @Singleton
    Scheduler engine(PlatformSettings settings) {
        return switch (settings.engine()) {
            case "docker" -> new EngineScheduler(settings.dockerHost(), settings.platformId(), settings.registry(),
                    new Confinement(settings.appNetwork(), settings.appUserNamespaces()),
                    settings.dataDir().resolve("app-output"));
            case "kubernetes" -> kubernetes(settings);
            default -> throw new IllegalStateException("PAAS_ENGINE=" + settings.engine()
                    + " names no engine: docker (Podman or Docker, the default) or kubernetes");
        };
    }

    private static Scheduler kubernetes(PlatformSettings settings) {
        String mode = settings.setting("PAAS_KUBERNETES_NAMESPACES", "per-app");
        if (!mode.equals("per-app") && !mode.equals("shared")) {
            throw new IllegalStateException("PAAS_KUBERNETES_NAMESPACES=" + mode + ": per-app or shared");
        }
        String registry = settings.setting("PAAS_CLUSTER_REGISTRY", settings.registry());
        String user = settings.setting("PAAS_CLUSTER_REGISTRY_USERNAME", null);
        RegistryAuth login = user == null ? null
                : new RegistryAuth(registry, user, settings.setting("PAAS_CLUSTER_REGISTRY_PASSWORD", ""));
        KubernetesLayout layout = new KubernetesLayout(settings.platformId(), mode.equals("per-app"),
                settings.setting("PAAS_KUBERNETES_APPS_NAMESPACE", settings.platformId() + "-apps"),
                settings.setting("PAAS_KUBERNETES_NAMESPACE", settings.platformId()),
                labels(settings.setting("PAAS_KUBERNETES_ROUTER_LABELS", "app.kubernetes.io/name=paas-router")),
                labels(settings.setting("PAAS_KUBERNETES_CONTROLLER_LABELS", "app.kubernetes.io/name=paas-controller")),
                registry, login,
                Duration.ofSeconds(Long.parseLong(settings.setting("PAAS_KUBERNETES_START_TIMEOUT", "300"))));
        Set<String> plainHttp = "true".equals(settings.setting("PAAS_CLUSTER_REGISTRY_PLAIN_HTTP", "false"))
                ? Set.of(registry) : Set.of();
        return new KubernetesScheduler(KubernetesScheduler.connect(settings.setting("PAAS_KUBECONFIG", null)),
                layout, plainHttp, settings.dataDir().resolve("pod-output.properties"));
    }

    /** "k=v,k2=v2" as a map. */
    public static Map<String, String> labels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                labels.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        return labels;
    }

    void close(@Disposes Scheduler scheduler) throws Exception {
        if (scheduler instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
