package io.paas.controller.scheduler.docker;

import io.paas.controller.scheduler.ProcessUsage;
import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import io.paas.client.ControllerClient;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Memory and CPU of containers, from Podman's libpod stats (one call for many containers). Its CPU
 * figure without a stream is the average since the container started, so CPU is measured here from
 * two readings of the CPU time a short moment apart. An engine without that endpoint (Docker)
 * answers nothing.
 */
final class ContainerStats {
    private static final long SAMPLE_MILLIS = 250;

    private final DockerClient docker;

    ContainerStats(DockerClient docker) {
        this.docker = docker;
    }

    Map<String, ProcessUsage> of(List<String> containerIds) {
        if (containerIds.isEmpty() || !(docker instanceof DockerClientImpl)) {
            return Map.of();
        }
        Map<String, Reading> first = read(containerIds);
        if (first.isEmpty()) {
            return Map.of();
        }
        try {
            Thread.sleep(SAMPLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
        Map<String, Reading> second = read(containerIds);
        Map<String, ProcessUsage> usage = new HashMap<>();
        second.forEach((id, now) -> {
            Reading before = first.get(id);
            double cpu = before == null || now.atNanos <= before.atNanos ? 0
                    : Math.max(0, now.cpuNanos - before.cpuNanos) * 100.0 / (now.atNanos - before.atNanos);
            usage.put(id, new ProcessUsage(now.memoryBytes, now.memoryLimitBytes, cpu));
        });
        return usage;
    }

    /** One reading per container the engine knows: its CPU time so far, when, and its memory. */
    private Map<String, Reading> read(List<String> containerIds) {
        String query = containerIds.stream().map(id -> "containers=" + URLEncoder.encode(id, StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/v4.0.0/libpod/containers/stats?stream=false&" + query)
                .build();
        long at = System.nanoTime();
        try (DockerHttpClient.Response response = ((DockerClientImpl) docker).getHttpClient().execute(request);
             InputStream body = response.getBody()) {
            if (response.getStatusCode() != 200) {
                return Map.of();
            }
            JsonNode stats = ControllerClient.JSON.readTree(body).path("Stats");
            Map<String, Reading> readings = new HashMap<>();
            for (JsonNode s : stats) {
                readings.put(s.path("ContainerID").asText(), new Reading(s.path("CPUNano").asLong(), at,
                        s.path("MemUsage").asLong(), s.path("MemLimit").asLong()));
            }
            return readings;
        } catch (IOException | RuntimeException e) {
            // a container that ended meanwhile fails the whole call: no figures this time
            return Map.of();
        }
    }

    private record Reading(long cpuNanos, long atNanos, long memoryBytes, long memoryLimitBytes) {
    }
}
