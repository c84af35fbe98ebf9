package io.paas.controller.deploy;

import io.paas.controller.scheduler.ProcessSpec;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the engines are told of each process: here, the health check an engine with probes of its own runs. */
class DesiredStateTest {
    @Test
    void eachProcessCarriesItsTypesHttpHealthCheckPathAndNoneForATcpCheck() {
        DesiredState desired = new DesiredState("shop", 3, "succeeded", "shop@sha256:abc", Map.of(),
                Map.of("web", "serve", "worker", "work"), Map.of("web", 1, "worker", 1), Map.of(), Map.of(),
                Map.of("web.type", "http", "web.path", "/health"), 5000, false, null, 42);
        List<ProcessSpec> specs = desired.processes();
        assertEquals("/health", specs.stream().filter(ProcessSpec::isWeb).findFirst().orElseThrow().healthPath());
        assertEquals(null, specs.stream().filter(s -> s.type().equals("worker")).findFirst().orElseThrow().healthPath());
    }
}
