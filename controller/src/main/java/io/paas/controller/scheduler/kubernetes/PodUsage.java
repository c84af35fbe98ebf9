package io.paas.controller.scheduler.kubernetes;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.ContainerMetrics;
import io.fabric8.kubernetes.api.model.metrics.v1beta1.PodMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.paas.controller.scheduler.ProcessUsage;
import io.paas.controller.scheduler.RunningProcess;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What pods use, from the cluster's metrics API (metrics-server): memory and CPU per pod, read
 * once per namespace. A cluster without metrics-server answers 404: no figures, as an engine that
 * keeps none.
 */
final class PodUsage {
    private PodUsage() {
    }

    static Map<String, ProcessUsage> of(KubernetesClient client, AppNamespaces namespaces, List<RunningProcess> processes) {
        Map<String, Map<String, RunningProcess>> byNamespace = new HashMap<>();
        for (RunningProcess p : processes) {
            byNamespace.computeIfAbsent(namespaces.of(p.app()), n -> new HashMap<>()).put(p.name(), p);
        }
        Map<String, ProcessUsage> usage = new HashMap<>();
        for (var entry : byNamespace.entrySet()) {
            List<PodMetrics> metrics;
            try {
                metrics = client.top().pods().inNamespace(entry.getKey()).metrics().getItems();
            } catch (KubernetesClientException e) {
                return usage;
            }
            for (PodMetrics pod : metrics) {
                RunningProcess process = entry.getValue().get(pod.getMetadata().getName());
                if (process == null || pod.getContainers() == null) {
                    continue;
                }
                long memory = 0;
                BigDecimal cores = BigDecimal.ZERO;
                for (ContainerMetrics c : pod.getContainers()) {
                    Quantity m = c.getUsage() == null ? null : c.getUsage().get("memory");
                    Quantity cpu = c.getUsage() == null ? null : c.getUsage().get("cpu");
                    memory += m == null ? 0 : m.getNumericalAmount().longValue();
                    cores = cpu == null ? cores : cores.add(cpu.getNumericalAmount());
                }
                usage.put(process.containerId(), new ProcessUsage(memory, 0, cores.doubleValue() * 100));
            }
        }
        return usage;
    }
}
