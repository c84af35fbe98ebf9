package io.paas.controller.scheduler.docker;

import com.github.dockerjava.api.DockerClient;
import com.sun.net.httpserver.HttpServer;
import io.paas.engine.ContainerExit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalInt;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How the engine's answer to a wait is read, from the answers Podman 4.3 gave on this machine. A
 * container removed while it is waited on (ps:stop removes what it stops) is answered with
 * StatusCode 0 and an Error: no status, never "exited with 0". Replayed by a local HTTP server: the
 * real race needs a container force-removed during its wait, and on Podman 4.3 that leaves its
 * `container cleanup` processes deadlocked now and then, hanging every later call to the engine (it
 * hung the suite once); the answers themselves were recorded from the real engine.
 */
class ContainerExitTest {
    private HttpServer engine;

    private DockerClient engineAnswering(String body) throws Exception {
        engine = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        engine.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        engine.start();
        return EngineScheduler.connect("tcp://127.0.0.1:" + engine.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        engine.stop(0);
    }

    @Test
    void aContainerRemovedWhileWaitedOnHasNoStatus() throws Exception {
        DockerClient docker = engineAnswering("{\"StatusCode\":0,\"Error\":{\"Message\":\"container 9aa08bde84a3 does not exist "
                + "in database: no such container\"}}");
        assertEquals(OptionalInt.empty(), ContainerExit.await(docker, "9aa08bde84a3", Duration.ofSeconds(10)));
    }

    @Test
    void anEndTheEngineSawHasItsStatus() throws Exception {
        DockerClient docker = engineAnswering("{\"StatusCode\":143,\"Error\":null}");
        assertEquals(OptionalInt.of(143), ContainerExit.await(docker, "c1", Duration.ofSeconds(10)));
    }

    @Test
    void aZeroTheEngineSawIsAZero() throws Exception {
        DockerClient docker = engineAnswering("{\"StatusCode\":0,\"Error\":null}");
        assertEquals(OptionalInt.of(0), ContainerExit.await(docker, "c2", Duration.ofSeconds(10)));
    }
}
