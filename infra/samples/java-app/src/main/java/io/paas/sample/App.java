package io.paas.sample;

import com.sun.net.httpserver.HttpServer;
import org.apache.commons.text.WordUtils;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/** Answers every request with the Java version, a config var and the container's hostname. */
public class App {
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "5000"));
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/", exchange -> {
            String body = "Hello from Java " + System.getProperty("java.version")
                    + ", GREETING=" + System.getenv().getOrDefault("GREETING", "unset")
                    + ", host=" + hostname()
                    + ", " + WordUtils.capitalizeFully("built with maven and commons text") + "\n";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0)));
        server.start();
        System.out.println("java-app listening on " + port + " with Java " + System.getProperty("java.version"));
    }

    // An ordinary tool the app shells out to: the run image must have it.
    private static String hostname() throws IOException {
        Process process = new ProcessBuilder("hostname").redirectErrorStream(true).start();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }
}
