package io.paas.controller.scheduler;

import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Debian's docker-registry on a free loopback port with its storage in a temporary directory. */
public final class TestRegistry implements AutoCloseable {
    public final String address;
    private final Process process;

    private TestRegistry(String address, Process process) {
        this.address = address;
        this.process = process;
    }

    public static boolean installed() {
        for (String p : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(p, "docker-registry"))) {
                return true;
            }
        }
        return false;
    }

    public static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    public static TestRegistry start(int port, Path dir) throws Exception {
        return start(port, dir, null);
    }

    /** With htpasswd (a "user:bcrypt-hash" line) every call needs that login; null for none. */
    public static TestRegistry start(int port, Path dir, String htpasswd) throws Exception {
        Files.createDirectories(dir);
        Path config = dir.resolve("registry.yml");
        String auth = "";
        if (htpasswd != null) {
            Files.writeString(dir.resolve("htpasswd"), htpasswd + "\n");
            auth = "auth:\n  htpasswd:\n    realm: test\n    path: " + dir.resolve("htpasswd") + "\n";
        }
        Files.writeString(config, """
                version: 0.1
                log:
                  level: warn
                storage:
                  filesystem:
                    rootdirectory: %s
                http:
                  addr: 127.0.0.1:%d
                """.formatted(dir.resolve("data"), port) + auth);
        Process p = new ProcessBuilder("docker-registry", "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        TestRegistry registry = new TestRegistry("127.0.0.1:" + port, p);
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://" + registry.address + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200 || htpasswd != null && r.statusCode() == 401) {
                    return registry;
                }
            } catch (java.io.IOException notYet) {
                // still starting
            }
            if (!p.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        registry.close();
        throw new IllegalStateException("docker-registry did not start: " + Files.readString(dir.resolve("registry.log")));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
