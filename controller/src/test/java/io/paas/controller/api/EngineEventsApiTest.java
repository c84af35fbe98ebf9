package io.paas.controller.api;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.Container;
import io.paas.controller.scheduler.docker.PodmanService;
import io.paas.controller.scheduler.docker.TestImage;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static io.paas.controller.api.TestUsers.as;
import static io.paas.controller.api.TestUsers.build;
import static io.paas.controller.api.TestUsers.createApp;
import static io.paas.controller.api.TestUsers.register;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Crashed containers are replaced because the engine says they died, not because a poll found
 * them: these tests run with the full re-list an hour apart (PlatformResource), and allow seconds.
 */
@QuarkusTest
@QuarkusTestResource(PlatformResource.class)
class EngineEventsApiTest {
    /** Far below the re-list interval: only the engine's event (or the re-list after a broken stream) explains it. */
    private static final Duration ALLOWED = Duration.ofSeconds(10);

    @ConfigProperty(name = "paas.test.app-image")
    Optional<String> image;
    @ConfigProperty(name = "paas.platform.id")
    String platformId;
    @ConfigProperty(name = "paas.deploy.resync-interval")
    long resyncSeconds;
    /** Set by PlatformResource. */
    PodmanService podman;

    @Test
    void aContainerKilledThroughTheEngineIsReplacedFromItsEvent() throws Exception {
        assumeTrue(image.isPresent(), "podman is not installed: no container engine for this test");
        assertTrue(resyncSeconds >= 600, "the re-list must not be what replaces the container");
        String token = register();
        String app = createApp(token, "evt-");
        build(token, app, image.get(), TestImage.httpd("up")).statusCode(201);
        try (DockerClient docker = podman.client()) {
            String killed = webContainer(docker, app);
            long started = System.nanoTime();
            docker.killContainerCmd(killed).exec();
            String replacement = awaitReplacement(token, docker, app, killed);
            System.out.printf("[events] killed %s, %s serving after %d ms%n", killed.substring(0, 12),
                    replacement.substring(0, 12), (System.nanoTime() - started) / 1_000_000);
            List<Integer> restarts = as(token).when().get("/v2/apps/" + app + "/ps").then().statusCode(200)
                    .extract().path("restarts");
            assertEquals(List.of(1), restarts, "the crash counts as a restart");
        }
    }

    @Test
    void anEngineWhoseEventStreamDroppedIsListedAgainAndFollowedAgain() throws Exception {
        assumeTrue(image.isPresent(), "podman is not installed: no container engine for this test");
        String token = register();
        String app = createApp(token, "relist-");
        build(token, app, image.get(), TestImage.httpd("up")).statusCode(201);
        try (DockerClient docker = podman.client()) {
            String first = webContainer(docker, app);
            long pid = docker.inspectContainerCmd(first).exec().getState().getPidLong();
            // The engine goes away (its event stream with it); meanwhile the app's process dies, an
            // event nobody can hear: only listing again after the engine is back finds it.
            podman.crashAndRestart(() -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            String second = awaitReplacement(token, docker, app, first);

            // and the new stream is followed: the next crash is seen at once
            docker.killContainerCmd(second).exec();
            awaitReplacement(token, docker, app, second);
        }
    }

    /**
     * A process that served, died, and now dies at every start (a database it needs is gone) is not
     * started again in a tight loop by its own events: each attempt counts, and waits 1 s, 2 s, 4 s ...
     */
    @Test
    void aProcessThatNoLongerStartsIsRetriedWithBackOff() throws Exception {
        assumeTrue(image.isPresent(), "podman is not installed: no container engine for this test");
        String token = register();
        String app = createApp(token, "loop-");
        long until = System.currentTimeMillis() / 1000 + 6;
        String command = "if [ $(date +%s) -ge " + until + " ]; then echo cannot start; exit 1; fi; "
                + "mkdir -p /tmp/www && echo up > /tmp/www/index.html && busybox httpd -p $PORT -h /tmp/www "
                + "&& sleep $(( " + until + " - $(date +%s) )); exit 1";
        build(token, app, image.get(), command).statusCode(201);
        // containers started, by id: an engine may deliver an event twice (Podman 4.3 reads its events
        // file again when it rotates), and a repeated event is no new attempt
        Set<String> starts = ConcurrentHashMap.newKeySet();
        try (DockerClient docker = podman.client();
             ResultCallback.Adapter<Event> counter = docker.eventsCmd()
                     .withLabelFilter(Map.of("paas.platform", platformId, "paas.app", app))
                     .withEventFilter("start")
                     .exec(new ResultCallback.Adapter<>() {
                         @Override
                         public void onNext(Event event) {
                             starts.add(event.getId());
                         }
                     })) {
            counter.awaitStarted(10, TimeUnit.SECONDS);
            Thread.sleep(Math.max(0, until * 1000 - System.currentTimeMillis()) + 20_000);
        }
        System.out.println("[backoff] containers started in the 20 s after the death: " + starts.size());
        // attempts at about 0, 1, 3, 7 and 15 s after the death (the next at 31 s); in a tight loop, one a second or more
        assertTrue(starts.size() >= 3 && starts.size() <= 6, "containers started in the 20 s after the death: " + starts);
    }

    /** Waits until another running container serves the app's web.1 and ps shows it; answers its id. */
    private String awaitReplacement(String token, DockerClient docker, String app, String old) throws Exception {
        long deadline = System.nanoTime() + ALLOWED.toNanos();
        while (System.nanoTime() < deadline) {
            String now = runningWebContainer(docker, app);
            if (now != null && !now.equals(old)) {
                List<String> states = as(token).when().get("/v2/apps/" + app + "/ps").then().statusCode(200)
                        .extract().path("state");
                if (states.equals(List.of("running"))) {
                    return now;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError(app + ": web.1 was not replaced within " + ALLOWED.toSeconds() + " s; ps: "
                + as(token).when().get("/v2/apps/" + app + "/ps").then().extract().asString());
    }

    private String webContainer(DockerClient docker, String app) {
        String id = runningWebContainer(docker, app);
        assertNotEquals(null, id, "a running web container for " + app);
        return id;
    }

    private String runningWebContainer(DockerClient docker, String app) {
        List<Container> running = docker.listContainersCmd()
                .withLabelFilter(Map.of("paas.platform", platformId, "paas.app", app, "paas.type", "web")).exec();
        return running.stream().filter(c -> "running".equals(c.getState())).map(Container::getId).findFirst().orElse(null);
    }
}
