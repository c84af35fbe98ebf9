package io.paas.e2e;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Buildpacks served to the test platform's builds as git repositories over git's "dumb" HTTP
 * protocol (plain files), on the address the test platform's operator allows buildpack URLs to reach.
 */
final class BuildpackServer implements AutoCloseable {
    private final Platform platform;
    private final Path served;
    private final HttpServer server;

    BuildpackServer(Platform platform, String name) throws IOException {
        this.platform = platform;
        this.served = Files.createDirectories(platform.work.resolve("served-" + name));
        server = HttpServer.create(new InetSocketAddress(Platform.BUILDPACK_HOST, 0), 0);
        server.createContext("/", exchange -> {
            Path file = served.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
            boolean found = file.startsWith(served) && Files.isRegularFile(file);
            byte[] body = found ? Files.readAllBytes(file) : new byte[0];
            exchange.sendResponseHeaders(found ? 200 : 404, found ? body.length : -1);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    /**
     * Serves a buildpack made of the given bin/ scripts (name, then text, in pairs) as NAME.git;
     * answers its URL (branch main).
     */
    String serve(String name, String... scripts) throws IOException {
        Path dir = Files.createDirectories(platform.work.resolve(name + "-buildpack").resolve("bin"));
        for (int i = 0; i < scripts.length; i += 2) {
            Files.writeString(dir.resolve(scripts[i]), scripts[i + 1]);
            platform.shell().run(dir, "chmod", "+x", scripts[i]).ok();
        }
        Path source = dir.getParent();
        platform.shell().run(source, "git", "init", "-q", "-b", "main").ok();
        platform.commitAll(source, name + " buildpack");
        Path bare = served.resolve(name + ".git");
        platform.shell().run(platform.work, "git", "clone", "-q", "--bare", source.toString(), bare.toString()).ok();
        platform.shell().run(bare, "git", "update-server-info").ok();
        return "http://" + Platform.BUILDPACK_HOST + ":" + server.getAddress().getPort() + "/" + name + ".git#main";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
