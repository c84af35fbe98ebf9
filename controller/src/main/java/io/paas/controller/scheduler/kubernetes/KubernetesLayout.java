package io.paas.controller.scheduler.kubernetes;

import io.paas.controller.scheduler.RegistryAuth;

import java.time.Duration;
import java.util.Map;

/**
 * Where the platform puts apps on a cluster and what it tells the cluster.
 *
 * @param platformId       the label every object of this platform carries (paas.platform)
 * @param namespacePerApp  true: each app in a namespace of its own (platformId-app); false: every app
 *                         in {@code appsNamespace}, kept apart by labels and its NetworkPolicy
 * @param appsNamespace    the one namespace of every app when not {@code namespacePerApp}
 * @param platformNamespace the namespace the routers run in (their pods alone may reach apps' pods)
 * @param routerLabels     the labels of the routers' pods there
 * @param controllerLabels the labels of the controller's pods there (it checks new processes' health)
 * @param registry         the platform registry as the cluster's nodes reach it (host[:port]): images
 *                         named without a registry are pulled from it
 * @param registryAuth     the login the nodes pull from it with (an imagePullSecret in each app's
 *                         namespace); null when it needs none
 * @param startTimeout     how long a pod may take to run (scheduling, pulling) before its start fails
 */
public record KubernetesLayout(String platformId, boolean namespacePerApp, String appsNamespace,
                               String platformNamespace, Map<String, String> routerLabels,
                               Map<String, String> controllerLabels, String registry,
                               RegistryAuth registryAuth, Duration startTimeout) {

    public KubernetesLayout {
        routerLabels = Map.copyOf(routerLabels);
        controllerLabels = Map.copyOf(controllerLabels);
    }

    /** The namespace the app's pods, Secrets and NetworkPolicy live in. */
    public String namespaceOf(String app) {
        return namespacePerApp ? platformId + "-" + app : appsNamespace;
    }
}
