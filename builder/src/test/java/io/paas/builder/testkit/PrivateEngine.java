package io.paas.builder.testkit;

import com.github.dockerjava.api.DockerClient;
import io.paas.builder.container.DockerConnection;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    private final int registryPort;
    private DockerClient docker;

    public PrivateEngine(Path dir) throws Exception {
        this.dir = dir;
        this.registryPort = freePort();
        startRegistry();
        startPodman();
    }

    public static boolean available() {
        return onPath("podman") && onPath("docker-registry");
    }

    public static boolean hasImage(String image) throws Exception {
        return new ProcessBuilder("podman", "image", "exists", image).inheritIO().start().waitFor() == 0;
    }

    public String registry() {
        return "127.0.0.1:" + registryPort;
    }

    public String dockerHost() {
        return "unix://" + dir.resolve("podman.sock");
    }

    /** The status of a GET of the registry's API (/v2/PATH), asking for image manifests. */
    public int registryStatus(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + registry() + "/v2/" + path))
                        .header("Accept", "application/vnd.docker.distribution.manifest.v2+json, "
                                + "application/vnd.oci.image.manifest.v1+json").build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
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

    private void startRegistry() throws Exception {
        Path config = dir.resolve("registry.yml");
        Files.writeString(config, String.join("\n",
                "version: 0.1",
                "log:",
                "  level: error",
                "storage:",
                "  filesystem:",
                "    rootdirectory: " + dir.resolve("registry"),
                "  delete:",
                "    enabled: true",
                "http:",
                "  addr: 127.0.0.1:" + registryPort,
                ""));
        processes.add(new ProcessBuilder("docker-registry", "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start());
        waitFor(() -> portOpen(registryPort), "registry on port " + registryPort);
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
        waitFor(() -> {
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
    }

    private interface Check {
        boolean ok() throws Exception;
    }

    private static void waitFor(Check check, String what) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not start");
            }
            Thread.sleep(200);
        }
    }

    private static boolean portOpen(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
