package io.paas.builder.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private registry (Debian's docker-registry, the one the platform runs) on a free port, storing
 * under dir; it logs every request it answers (registry.log), so a test can tell what was uploaded.
 */
public class PrivateRegistry implements AutoCloseable {
    private final Path dir;
    private final int port;
    private final Process process;

    public PrivateRegistry(Path dir) throws Exception {
        this.dir = dir;
        this.port = freePort();
        Path config = dir.resolve("registry.yml");
        Files.writeString(config, String.join("\n",
                "version: 0.1",
                "log:",
                "  level: info",
                "storage:",
                "  filesystem:",
                "    rootdirectory: " + dir.resolve("registry"),
                "  delete:",
                "    enabled: true",
                "http:",
                "  addr: 127.0.0.1:" + port,
                ""));
        process = new ProcessBuilder("docker-registry", "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        waitFor(() -> portOpen(port), "registry on port " + port);
    }

    public static boolean available() {
        return onPath("docker-registry");
    }

    /** host:port */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** The status of a GET of the registry's API (/v2/PATH), asking for image manifests. */
    public int status(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + address() + "/v2/" + path))
                        .header("Accept", "application/vnd.docker.distribution.manifest.v2+json, "
                                + "application/vnd.oci.image.manifest.v1+json").build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The lines the registry logged so far for the requests it answered. */
    public List<String> requests() throws IOException {
        return Files.readAllLines(dir.resolve("registry.log")).stream()
                .filter(line -> line.contains("http.request.method=")).toList();
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    interface Check {
        boolean ok() throws Exception;
    }

    static void waitFor(Check check, String what) throws Exception {
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

    static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
