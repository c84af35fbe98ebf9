package io.paas.builder.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;

import java.time.Duration;

/** A docker-java client for the Docker API endpoint (Podman's or Docker's). */
public final class DockerConnection {
    private DockerConnection() {
    }

    public static DockerClient open(String dockerHost) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost)
                .build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .maxConnections(20)
                .connectionTimeout(Duration.ofSeconds(10))
                // log streams of a build stay open as long as the build runs
                .responseTimeout(Duration.ofHours(1))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }
}
