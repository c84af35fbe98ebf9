package io.paas.controller.api;

import com.github.dockerjava.api.DockerClient;
import io.paas.controller.platform.EmbeddedDatabase;
import io.paas.controller.scheduler.docker.PodmanService;
import io.paas.controller.scheduler.docker.TestImage;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What the controller runs against in @QuarkusTest: a real PostgreSQL (zonky's binaries) in a
 * temporary data directory and, where podman is installed, a private Podman API service with an
 * image that serves HTTP (its name in paas.test.app-image). Containers carry this run's platform
 * id and are removed at the end, with the service and the database.
 */
public class PlatformResource implements QuarkusTestResourceLifecycleManager {
    static final String BUILDER_TOKEN = "test-builder-token";
    static final String ROUTER_TOKEN = "test-router-token";
    /** No builder runs for these tests: a port nothing listens on, never the machine's own platform's builder. */
    static final String TEST_BUILDER_URL = "http://127.0.0.1:1";
    private final String platformId = "ctl-test-" + ProcessHandle.current().pid();
    private EmbeddedDatabase database;
    private PodmanService podman;
    private TestImage image;

    @Override
    public Map<String, String> start() {
        try {
            Path home = Files.createTempDirectory("paas-controller-test");
            database = EmbeddedDatabase.start(home.resolve("postgres"));
            Map<String, String> config = new HashMap<>(Map.of(
                    "quarkus.datasource.jdbc.url", database.jdbcUrl(),
                    "quarkus.datasource.username", database.username(),
                    "quarkus.datasource.password", "",
                    "paas.home", home.toString(),
                    "paas.builder.token", BUILDER_TOKEN,
                    "paas.router.token", ROUTER_TOKEN,
                    "paas.platform.id", platformId,
                    "paas.router.url", "http://localhost:7180",
                    "paas.builder.url", TEST_BUILDER_URL));
            // the repository's buildpacks (names apps may give); 127.0.0.2 stands for a host the operator allows
            config.put("paas.buildpacks.dir", Path.of("../buildpacks").toAbsolutePath().normalize().toString());
            config.put("paas.buildpack.allowed.hosts", "127.0.0.2");
            // Tests register users freely; RegistrationApiTest closes it through an admin, as operators do.
            config.put("paas.registration", "open");
            // Containers are replaced from the engine's events: the full re-list, an hour apart, never
            // comes to the rescue of a test.
            config.put("paas.deploy.resync-interval", "3600");
            // A one-off past its time is ended: RunsApiTest waits for that, so the time is short here.
            config.put("paas.run.timeout", "8");
            if (PodmanService.installed()) {
                podman = PodmanService.start("127.0.0.1:7150");
                image = TestImage.find(platformId, podman.dir);
                config.put("paas.docker.host", podman.dockerHost);
                config.put("paas.test.app-image", image.name);
            } else {
                // Tests that need containers skip themselves (paas.test.app-image is unset).
                config.put("paas.docker.host", "unix://" + home.resolve("no-engine.sock"));
            }
            return config;
        } catch (Exception e) {
            stop();
            throw new IllegalStateException("could not start the test platform: " + e.getMessage(), e);
        }
    }

    /** Hands the engine to test fields of type PodmanService (null without podman), for tests that restart it. */
    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(podman, new TestInjector.MatchesType(PodmanService.class));
    }

    /** Each part is stopped even when stopping another failed; the first failure is reported. */
    @Override
    public void stop() {
        Exception failure = null;
        if (podman != null) {
            try (DockerClient docker = podman.client()) {
                PodmanService.removeContainers(docker, platformId);
                if (image != null) {
                    image.removeIfOwned();
                }
            } catch (Exception e) {
                failure = e;
            }
            try {
                podman.close();
            } catch (Exception e) {
                failure = failure != null ? failure : e;
            }
        }
        if (database != null) {
            try {
                database.close();
            } catch (Exception e) {
                failure = failure != null ? failure : e;
            }
        }
        if (failure != null) {
            throw new IllegalStateException("could not stop the test platform: " + failure.getMessage(), failure);
        }
    }
}
