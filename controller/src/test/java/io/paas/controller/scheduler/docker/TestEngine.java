package io.paas.controller.scheduler.docker;

import io.paas.controller.scheduler.TestRegistry;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What a scheduler test class runs on: a private Podman service with the test image in it, and at
 * the end everything it made removed (the platform's containers, the scheduler, the image if the
 * test imported it, the service).
 */
final class TestEngine {
    final PodmanService podman;
    final TestImage image;
    final int registryPort;
    private final String platform;

    private TestEngine(PodmanService podman, TestImage image, int registryPort, String platform) {
        this.podman = podman;
        this.image = image;
        this.registryPort = registryPort;
        this.platform = platform;
    }

    /** Skips the test class where Podman is not installed. */
    static TestEngine start(String platform) throws Exception {
        assumeTrue(PodmanService.installed(), "podman is not installed");
        int registryPort = TestRegistry.freePort();
        PodmanService podman = PodmanService.start("127.0.0.1:" + registryPort);
        try {
            return new TestEngine(podman, TestImage.find(platform, podman.dir), registryPort, platform);
        } catch (Exception | Error e) {
            podman.close();
            throw e;
        }
    }

    /** Removes what the test made; engine or scheduler may be null (a start that failed or was skipped). */
    static void stop(TestEngine engine, AutoCloseable scheduler) throws Exception {
        if (engine != null) {
            PodmanService.removeContainers(engine.podman.client(), engine.platform);
        }
        if (scheduler != null) {
            scheduler.close();
        }
        if (engine != null) {
            engine.image.removeIfOwned();
            engine.podman.close();
        }
    }
}
