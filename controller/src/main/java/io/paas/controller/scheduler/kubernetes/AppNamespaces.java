package io.paas.controller.scheduler.kubernetes;

import io.paas.controller.scheduler.ProcessLabels;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodList;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.dsl.PodResource;
import io.paas.controller.scheduler.RegistryAuth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an app's pods need around them before the first one starts: its namespace (when each app
 * has its own), the NetworkPolicy that lets only the routers reach them, and the Secrets the
 * nodes pull its images with. Made once per app and controller run; removed with the app.
 */
final class AppNamespaces {
    /** Kubernetes labels every namespace with its name (1.21 and later): how the policy names the routers'. */
    private static final String NAME_LABEL = "kubernetes.io/metadata.name";
    static final String PLATFORM_PULL_SECRET = "paas-registry";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final KubernetesClient client;
    private final KubernetesLayout layout;
    private final Set<String> prepared = ConcurrentHashMap.newKeySet();

    AppNamespaces(KubernetesClient client, KubernetesLayout layout) {
        this.client = client;
        this.layout = layout;
    }

    String of(String app) {
        return layout.namespaceOf(app);
    }

    /** This platform's pods: in every namespace (one per app) or in the apps' one. */
    FilterWatchListDeletable<Pod, PodList, PodResource> platformPods() {
        var pods = layout.namespacePerApp() ? client.pods().inAnyNamespace() : client.pods().inNamespace(layout.appsNamespace());
        return pods.withLabel(ProcessLabels.PLATFORM, layout.platformId());
    }

    /** The app's pods, processes and one-offs. */
    FilterWatchListDeletable<Pod, PodList, PodResource> appPods(String app) {
        return client.pods().inNamespace(of(app)).withLabel(ProcessLabels.PLATFORM, layout.platformId())
                .withLabel(ProcessLabels.APP, app);
    }

    /** The app's namespace, policy and platform pull Secret, made unless this run made them already. */
    void prepare(String app) {
        if (prepared.contains(app)) {
            return;
        }
        String namespace = of(app);
        if (layout.namespacePerApp()) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace)
                    .withLabels(labels(app)).endMetadata().build()).createOr(NonDeletingOperation::update);
        }
        client.network().v1().networkPolicies().inNamespace(namespace).resource(routersOnly(app)).createOr(NonDeletingOperation::update);
        if (layout.registryAuth() != null) {
            client.secrets().inNamespace(namespace)
                    .resource(pullSecret(namespace, pullSecretName(app, null), layout.registryAuth(), labels(app)))
                    .createOr(NonDeletingOperation::update);
        }
        prepared.add(app);
    }

    /**
     * The names of the Secrets the app's pods pull with: the platform registry's, and the app's own
     * login (`paas registry:login`) when the release's image needs one, made or updated here.
     */
    List<String> pullSecrets(String app, RegistryAuth appLogin) {
        List<String> names = new ArrayList<>();
        if (layout.registryAuth() != null) {
            names.add(pullSecretName(app, null));
        }
        if (appLogin != null) {
            String namespace = of(app);
            String name = pullSecretName(app, appLogin);
            client.secrets().inNamespace(namespace).resource(pullSecret(namespace, name, appLogin, labels(app))).createOr(NonDeletingOperation::update);
            names.add(name);
        }
        return names;
    }

    /**
     * Everything the app had beside its pods: its policy and Secrets, then its own namespace (which on
     * a cluster would take them anyway; removed one by one so that nothing is left where it is shared).
     */
    void forget(String app) {
        prepared.remove(app);
        String namespace = of(app);
        client.network().v1().networkPolicies().inNamespace(namespace).withName(policyName(app)).delete();
        client.secrets().inNamespace(namespace).withLabels(labels(app)).delete();
        if (layout.namespacePerApp()) {
            client.namespaces().withName(namespace).delete();
        }
    }

    /**
     * Pods of the app accept connections from the routers' pods, and from the controller's, which
     * checks a new process's health before routing to it; from nothing else. They may still connect out.
     */
    NetworkPolicy routersOnly(String app) {
        Map<String, String> platform = Map.of(NAME_LABEL, layout.platformNamespace());
        return new NetworkPolicyBuilder()
                .withNewMetadata().withName(policyName(app)).withNamespace(of(app)).withLabels(labels(app)).endMetadata()
                .withNewSpec()
                .withNewPodSelector().withMatchLabels(labels(app)).endPodSelector()
                .withPolicyTypes("Ingress")
                .addNewIngress()
                .addNewFrom()
                .withNewNamespaceSelector().withMatchLabels(platform).endNamespaceSelector()
                .withNewPodSelector().withMatchLabels(layout.routerLabels()).endPodSelector()
                .endFrom()
                .addNewFrom()
                .withNewNamespaceSelector().withMatchLabels(platform).endNamespaceSelector()
                .withNewPodSelector().withMatchLabels(layout.controllerLabels()).endPodSelector()
                .endFrom()
                .endIngress()
                .endSpec()
                .build();
    }

    private String policyName(String app) {
        return app + "-from-routers";
    }

    private String pullSecretName(String app, RegistryAuth appLogin) {
        if (appLogin == null) {
            return layout.namespacePerApp() ? PLATFORM_PULL_SECRET : PLATFORM_PULL_SECRET + "-" + app;
        }
        return app + "-registry-login";
    }

    private Map<String, String> labels(String app) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(ProcessLabels.PLATFORM, layout.platformId());
        labels.put(ProcessLabels.APP, app);
        return labels;
    }

    /** A kubernetes.io/dockerconfigjson Secret: the nodes' login to one registry. */
    static Secret pullSecret(String namespace, String name, RegistryAuth auth, Map<String, String> labels) {
        ObjectNode config = JSON.createObjectNode();
        ObjectNode entry = config.putObject("auths").putObject(auth.registry());
        entry.put("username", auth.username());
        entry.put("password", auth.password());
        entry.put("auth", Base64.getEncoder().encodeToString(
                (auth.username() + ":" + auth.password()).getBytes(StandardCharsets.UTF_8)));
        String json = config.toString();
        return new SecretBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).withLabels(labels).endMetadata()
                .withType("kubernetes.io/dockerconfigjson")
                .withData(Map.of(".dockerconfigjson", Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8))))
                .build();
    }
}
