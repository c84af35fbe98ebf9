package io.paas.builder;

import com.github.dockerjava.api.DockerClient;
import io.paas.builder.build.BuildQueue;
import io.paas.builder.image.RegistryCollection;
import io.paas.builder.build.BuildSteps;
import io.paas.builder.build.FreeSpace;
import io.paas.builder.build.DockerfileBuild;
import io.paas.builder.container.BuildContainer;
import io.paas.builder.container.DockerConnection;
import io.paas.builder.container.ImageBuild;
import io.paas.builder.git.GitServer;
import io.paas.builder.git.JGitHome;
import io.paas.builder.ssh.SshGitServer;
import io.paas.engine.RegistryClient;
import io.paas.builder.image.SlugImage;
import io.paas.builder.metrics.BuilderMetrics;
import io.paas.builder.metrics.MetricsPort;
import io.paas.builder.stores.AppStores;
import io.paas.builder.stores.StoresSweep;
import io.paas.client.ControllerClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/** The builder process: git smart-HTTP on PAAS_BUILDER_PORT, building and releasing every push. */
public final class BuilderMain {
    // a build that runs longer is stuck (or mining): stop it and reject the push
    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(20);
    // stores of apps destroyed while the builder was down: found after a start, and hourly after that
    private static final Duration SWEEP_DELAY = Duration.ofSeconds(30);
    private static final Duration SWEEP_PERIOD = Duration.ofHours(1);

    private BuilderMain() {
    }

    /** Starts a server; false (the reason logged) when it cannot. */
    /** A whole number of seconds from the environment (0: off). */
    private static Duration seconds(java.util.Map<String, String> env, String name, long fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return Duration.ofSeconds(fallback);
        }
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed >= 0) {
                return Duration.ofSeconds(parsed);
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException(name + " must be a whole number of seconds (0: off), not '" + value + "'");
    }

    private static boolean started(Logger log, java.util.concurrent.Callable<?> start, String failure) {
        try {
            start.call();
            return true;
        } catch (Exception e) {
            log.error("{}: {}", failure, e.getMessage());
            return false;
        }
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.out");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSS");
        System.setProperty("org.slf4j.simpleLogger.log.org.eclipse.jetty", "warn");
        // sshd logs every session at info: the platform's log would fill with every push's login
        System.setProperty("org.slf4j.simpleLogger.log.org.apache.sshd", "warn");
        Logger log = LoggerFactory.getLogger(BuilderMain.class);
        BuilderSettings settings;
        Duration registryGcInterval;
        try {
            settings = BuilderSettings.fromEnvironment(System.getenv());
            registryGcInterval = seconds(System.getenv(), "PAAS_REGISTRY_GC_INTERVAL", 3600);
        } catch (RuntimeException e) {
            log.error("cannot start: {}", e.getMessage());
            System.exit(2);
            return;
        }
        JGitHome.use(settings.home().resolve("builder/home"));

        ControllerClient controller = new ControllerClient(settings.controllerUrl(), settings.serviceToken());
        DockerClient docker = DockerConnection.open(settings.dockerHost());
        RegistryClient registry = new RegistryClient(settings.registry());
        BuildSteps steps = new BuildSteps(settings, controller,
                new BuildContainer(docker, BUILD_TIMEOUT,
                        Boolean.parseBoolean(System.getenv().getOrDefault("PAAS_APP_USERNS", "true"))),
                new SlugImage(settings.runImage(), settings.jibCacheDir()),
                registry, new DockerfileBuild(new ImageBuild(docker, BUILD_TIMEOUT,
                        ImageBuild.builderImage(settings.stack()), settings.imageStoresDir())));
        AppStores stores = new AppStores(settings.gitDir(), settings.cacheDir(), settings.buildsDir(), settings.imageStoresDir(),
                registry);
        BuilderMetrics metrics = new BuilderMetrics();
        BuildQueue builds = new BuildQueue(new FreeSpace(settings.buildDisks(), settings.minFree(), steps),
                settings.buildConcurrency(), metrics);
        GitServer server = new GitServer(settings.bind(), settings.port(), controller, builds, stores,
                settings.serviceToken(), settings.packCap().maxBytes(), metrics);
        SshGitServer ssh = new SshGitServer(settings.bind(), settings.sshPort(), settings.sshHostKey(), controller,
                builds, stores, settings.packCap().maxBytes(), metrics);
        AtomicReference<MetricsPort> admin = new AtomicReference<>();
        if (!started(log, server::start, "cannot listen on " + settings.bind() + ":" + settings.port())
                || !started(log, ssh::start, "cannot serve git over ssh on " + settings.bind() + ":"
                        + settings.sshPort())
                || settings.adminPort() >= 0 && !started(log,
                        () -> admin.getAndSet(MetricsPort.start(settings.adminPort(), metrics, builds)),
                        "cannot serve metrics on " + MetricsPort.HOST + ":" + settings.adminPort())) {
            System.exit(1);
            return;
        }
        StoresSweep sweep = new StoresSweep(stores, controller).start(SWEEP_DELAY, SWEEP_PERIOD);
        RegistryCollection registryGc = new RegistryCollection(settings.home().resolve("registry/registry.yml"), builds)
                .start(registryGcInterval);
        // Start-up (Jetty, sshd and its crypto providers, the host key) grows the heap past what an idle
        // builder needs; one full collection lets the serial collector hand it back.
        System.gc();
        log.info("paas builder listening on http://{}:{}/<app>.git and ssh://git@{}:{}/<app>.git (controller {}, "
                        + "registry {}, engine {}, {} build(s) at once){}", settings.bind(), server.port(), settings.bind(),
                ssh.port(), settings.controllerUrl(),
                settings.registry(), settings.dockerHost(), settings.buildConcurrency(),
                admin.get() == null ? "" : ", metrics on http://" + MetricsPort.HOST + ":" + admin.get().port() + "/metrics");

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("stopping");
            try {
                sweep.close();
                registryGc.close();
                if (admin.get() != null) {
                    admin.get().close();
                }
                ssh.close();
                server.close();
                docker.close();
            } catch (Exception e) {
                log.warn("unclean stop: {}", e.getMessage());
            }
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
    }
}
