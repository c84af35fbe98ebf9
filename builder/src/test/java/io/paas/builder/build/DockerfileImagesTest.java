package io.paas.builder.build;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DockerfileImagesTest {
    @Test
    void everyImageTheEngineWouldPullIsListedAndStagesAreNot() {
        List<String> dockerfile = List.of(
                "# syntax comment",
                "ARG REGISTRY=127.0.0.1:7150",
                "ARG APP",
                "FROM --platform=linux/amd64 ${REGISTRY}/${APP:-someone}:v1 AS build",
                "RUN make",
                "from scratch as empty",
                "FROM paas/stack-run:bookworm",
                "COPY --from=build /out /app",
                "COPY --chown=1 --from=other.example.com/tools:2 /bin/tool /bin/",
                "COPY --from=0 /x /y",
                "RUN --mount=type=bind,from=registry.example.com/secrets:1,target=/s \\",
                "    cat /s/x",
                "FROM build");
        assertEquals(List.of("127.0.0.1:7150/someone:v1", "paas/stack-run:bookworm", "other.example.com/tools:2",
                "registry.example.com/secrets:1"), DockerfileImages.referenced(dockerfile, Map.of()));
        assertEquals("127.0.0.1:7150/victim-id:v1",
                DockerfileImages.referenced(dockerfile, Map.of("APP", "victim-id")).get(0), "build args count");
    }
}
