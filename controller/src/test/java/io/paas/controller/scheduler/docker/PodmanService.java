package io.paas.controller.scheduler.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.paas.engine.EngineMessages;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A private Podman API service for one test run, configured the way the platform configures its
 * own (runc, cgroupfs, ulimits): started on a socket in a temporary directory, stopped at the end.
 */
public final class PodmanService implements AutoCloseable {
    public final Path dir;
    public final String dockerHost;
    private final ProcessBuilder command;
    private Process process;

    private PodmanService(Path dir, ProcessBuilder command) throws IOException {
        this.dir = dir;
        this.dockerHost = "unix://" + dir.resolve("podman.sock");
        this.command = command;
        this.process = command.start();
    }

    public static boolean installed() {
        for (String p : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(p, "podman"))) {
                return true;
            }
        }
        return false;
    }

    public static PodmanService start(String insecureRegistry) throws Exception {
        Path dir = Files.createTempDirectory("paas-scheduler-test-");
        Path conf = dir.resolve("containers.conf");
        Files.writeString(conf, """
                [containers]
                default_ulimits = ["nofile=1024:1024", "nproc=4096:4096"]
                [engine]
                runtime = "runc"
                cgroup_manager = "cgroupfs"
                """);
        Path registries = dir.resolve("registries.conf");
        Files.writeString(registries, """
                unqualified-search-registries = []
                [[registry]]
                location = "%s"
                insecure = true
                """.formatted(insecureRegistry));
        ProcessBuilder pb = new ProcessBuilder("podman", "system", "service", "--time=0",
                "unix://" + dir.resolve("podman.sock"));
        pb.environment().put("CONTAINERS_CONF", conf.toString());
        pb.environment().put("CONTAINERS_REGISTRIES_CONF", registries.toString());
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("service.log").toFile()));
        // conmon leaves an empty "oom" file in the service's working directory when a container is
        // killed for memory: in the test's own folder, not in the module's source tree.
        pb.directory(dir.toFile());
        PodmanService service = new PodmanService(dir, pb);
        service.awaitPing();
        return service;
    }

    public DockerClient client() {
        return EngineScheduler.connect(dockerHost);
    }

    private void awaitPing() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("podman service exited: " + Files.readString(dir.resolve("service.log")));
            }
            if (Files.exists(dir.resolve("podman.sock"))) {
                try (DockerClient docker = client()) {
                    docker.pingCmd().exec();
                    return;
                } catch (RuntimeException e) {
                    last = e;
                }
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("podman service did not answer /_ping in 30 s", last);
    }

    /**
     * The engine crashes and comes back, as during a restart: the service is killed (its socket file
     * stays, refusing connections; the containers keep running), whileDown runs, then the service
     * starts again on the same socket.
     */
    public void crashAndRestart(Runnable whileDown) throws Exception {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        try {
            whileDown.run();
        } finally {
            process = command.start();
            awaitPing();
        }
    }

    /** Removes every container, running or not, that carries the platform id (a test's own). */
    public static void removeContainers(DockerClient docker, String platformId) {
        for (Container c : docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of("paas.platform", platformId)).exec()) {
            for (int attempt = 1; ; attempt++) {
                try {
                    docker.removeContainerCmd(c.getId()).withForce(true).exec();
                    break;
                } catch (com.github.dockerjava.api.exception.NotFoundException removedMeanwhile) {
                    break; // a one-off run removes its own container when it ends
                } catch (com.github.dockerjava.api.exception.InternalServerErrorException e) {
                    // a container that just ended in a user namespace: conmon's cleanup races the removal
                    if (attempt == 20 || !EngineMessages.mentions(e, "resource busy")) {
                        throw e;
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
