package io.paas.builder.testkit;

import com.github.dockerjava.api.DockerClient;
import io.paas.builder.container.DockerConnection;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private Podman service and registry on free ports, configured as the platform configures its
 * own (containers.conf, registries.conf); everything stops on close.
 */
public class PrivateEngine implements AutoCloseable {
    private final Path dir;
    private final List<Process> processes = new ArrayList<>();
    private final PrivateRegistry registry;
    private DockerClient docker;

    public PrivateEngine(Path dir) throws Exception {
        this.dir = dir;
        this.registry = new PrivateRegistry(dir);
        startPodman();
    }

    public static boolean available() {
        return PrivateRegistry.onPath("podman") && PrivateRegistry.available();
    }

    public static boolean hasImage(String image) throws Exception {
        return new ProcessBuilder("podman", "image", "exists", image).inheritIO().start().waitFor() == 0;
    }

    public String registry() {
        return registry.address();
    }

    public String dockerHost() {
        return "unix://" + dir.resolve("podman.sock");
    }

    /** The status of a GET of the registry's API (/v2/PATH), asking for image manifests. */
    public int registryStatus(String path) throws Exception {
        return registry.status(path);
    }

    public DockerClient docker() {
        return docker;
    }

    /** Copies a local image into the private registry. */
    public void push(String localImage, String name) throws Exception {
        run("podman", "push", "-q", "--tls-verify=false", localImage, registry() + "/" + name);
    }

    /** Runs a podman command (the CLI, sharing the machine's image store); fails on a non-zero exit. */
    public String run(String... command) throws Exception {
        Process process = podmanEnv(new ProcessBuilder(command).redirectErrorStream(true)).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    private void startPodman() throws Exception {
        Files.writeString(dir.resolve("containers.conf"), String.join("\n",
                "[containers]",
                "default_ulimits = [\"nofile=1024:1024\", \"nproc=4096:4096\"]",
                "[engine]",
                "runtime = \"runc\"",
                "cgroup_manager = \"cgroupfs\"",
                ""));
        Files.writeString(dir.resolve("registries.conf"), String.join("\n",
                "[[registry]]",
                "location = \"" + registry() + "\"",
                "insecure = true",
                ""));
        processes.add(podmanEnv(new ProcessBuilder("podman", "system", "service", "--time=0", dockerHost()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("podman.log").toFile()).start());
        docker = DockerConnection.open(dockerHost());
        PrivateRegistry.waitFor(() -> {
            try {
                docker.pingCmd().exec();
                return true;
            } catch (RuntimeException e) {
                return false;
            }
        }, "podman service at " + dockerHost());
    }

    private ProcessBuilder podmanEnv(ProcessBuilder builder) {
        builder.environment().put("CONTAINERS_CONF", dir.resolve("containers.conf").toString());
        builder.environment().put("CONTAINERS_REGISTRIES_CONF", dir.resolve("registries.conf").toString());
        return builder;
    }

    @Override
    public void close() throws Exception {
        if (docker != null) {
            docker.close();
        }
        for (Process process : processes) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        registry.close();
    }
}
