package io.paas.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * From inside one app's container (a shell the test runs in it through the platform's engine),
 * another user's app container and every port of the platform and the machine are out of reach,
 * and the process is not root on the host: its root is an unprivileged host uid of the app's own,
 * without NET_RAW, with no-new-privileges. Images keep working under that: one whose USER is not
 * root, and one that binds port 80 as root and then drops to nobody, as nginx does.
 */
class ContainersKeptApartTest {
    private static final String NON_ROOT = """
            FROM paas/stack-run:bookworm
            USER nobody
            EXPOSE 8080
            ENTRYPOINT ["/bin/sh", "-c"]
            CMD ["mkdir -p /tmp/www && echo \\"runs as uid $(id -u)\\" > /tmp/www/index.html && exec busybox httpd -f -p 8080 -h /tmp/www"]
            """;
    private static final String BINDS_80_THEN_DROPS = """
            FROM paas/stack-run:bookworm
            EXPOSE 80
            ENTRYPOINT ["/bin/sh", "-c"]
            CMD ["mkdir -p /tmp/www && echo \\"port 80 bound as uid $(id -u)\\" > /tmp/www/index.html && exec busybox httpd -f -p 80 -u nobody:nogroup -h /tmp/www"]
            """;

    @Test
    void oneAppsContainerReachesNoOtherContainerNorThePlatformAndIsNotRootOnTheHost() throws IOException {
        Platform platform = Platform.get();
        Shell alice = platform.shell();
        Shell bob = platform.registerUser("erin");

        Path first = platform.sample("static-app", "apart-alice");
        alice.run(first, "paas", "apps:create", "apart-alice").ok();
        platform.pushUntilServed("apart-alice", first, "[containers kept apart] buildpack app", "Hello from static",
                "git", "push", "paas", "main");
        Path nonRoot = dockerfileApp(platform, bob, "apart-bob", NON_ROOT);
        platform.pushUntilServed("apart-bob", nonRoot, "[containers kept apart] USER nobody", "runs as uid 65534",
                "git", "push", "paas", "main");
        Path nginxLike = dockerfileApp(platform, bob, "apart-bob80", BINDS_80_THEN_DROPS);
        platform.pushUntilServed("apart-bob80", nginxLike, "[containers kept apart] binds 80, drops to nobody",
                "port 80 bound as uid 0", "git", "push", "paas", "main");

        String alicesContainer = container(platform, "apart-alice");
        String bobsContainer = container(platform, "apart-bob");
        String bobsAddress = inspect(platform, bobsContainer, "{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}");
        String gateway = inspect(platform, alicesContainer, "{{range .NetworkSettings.Networks}}{{.Gateway}}{{end}}");
        assertFalse(bobsAddress.isBlank(), "bob's container has an address");
        // the nginx-like app's worker runs as nobody after binding 80 as the namespace's root
        String workers = exec(platform, container(platform, "apart-bob80"), "busybox ps -o user,args | grep '[h]ttpd'");
        assertTrue(workers.contains("nobody"), workers);

        // A port of the machine on every address, as the platform's would be with PAAS_BIND=0.0.0.0.
        try (ServerSocket everywhere = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
            int open = everywhere.getLocalPort();
            List<String> unreachable = new ArrayList<>(List.of(bobsAddress + ":8080",
                    gateway + ":" + open, Platform.BUILDPACK_HOST + ":" + open));
            for (String port : List.of("PAAS_CONTROLLER_PORT", "PAAS_BUILDER_PORT", "PAAS_REGISTRY_PORT",
                    "PAAS_ROUTER_PORT", "PAAS_ROUTER_TLS_PORT", "PAAS_ROUTER_ADMIN_PORT", "PAAS_CONTROLLER_ADMIN_PORT",
                    "PAAS_BUILDER_ADMIN_PORT")) {
                for (String host : List.of(gateway, Platform.BUILDPACK_HOST)) {
                    unreachable.add(host + ":" + platform.setting(port));
                }
            }
            // from the machine itself, bob's app answers at its address: only containers are kept out
            String fromHost = alice.run(platform.work, "curl", "-sS", "-m", "5", "http://" + bobsAddress + ":8080/").output();
            assertTrue(fromHost.contains("runs as uid 65534"), "the probe's target serves: " + fromHost);

            StringBuilder probe = new StringBuilder("reach() { timeout 3 bash -c \"exec 3<>/dev/tcp/$1/$2\" 2>/dev/null "
                    + "&& echo \"reached $1:$2\" || echo \"cannot reach $1:$2\"; }; reach 127.0.0.1 \"$PORT\"; ");
            for (String target : unreachable) {
                int colon = target.lastIndexOf(':');
                probe.append("reach ").append(target, 0, colon).append(' ').append(target.substring(colon + 1)).append("; ");
            }
            probe.append("cat /proc/self/uid_map; grep -E '^(CapEff|NoNewPrivs)' /proc/self/status");
            String seen = exec(platform, alicesContainer, probe.toString());
            System.out.println("[containers kept apart] from inside apart-alice:\n" + seen);

            assertTrue(seen.contains("reached 127.0.0.1:"), "the probe works: the app's own port answers\n" + seen);
            for (String target : unreachable) {
                assertTrue(seen.contains("cannot reach " + target), target + " was reachable from an app:\n" + seen);
            }
            String[] map = seen.lines().filter(l -> l.matches("\\s*0\\s+\\d+\\s+\\d+\\s*")).findFirst()
                    .orElseThrow(() -> new AssertionError("no uid_map:\n" + seen)).strip().split("\\s+");
            assertNotEquals("0", map[1], "container root is host root:\n" + seen);
            assertTrue(Long.parseLong(map[1]) >= 1L << 28, "an unprivileged host uid of the app's own:\n" + seen);
            long capEff = Long.parseLong(seen.lines().filter(l -> l.startsWith("CapEff:")).findFirst().orElseThrow()
                    .substring("CapEff:".length()).strip(), 16);
            assertEquals(0, capEff & (1L << 13), "CAP_NET_RAW is dropped:\n" + seen);
            assertTrue(seen.contains("NoNewPrivs:\t1"), seen);
        }

        // another app's processes are another host uid range
        String bobsMap = exec(platform, bobsContainer, "cat /proc/self/uid_map").strip().split("\\s+")[1];
        String alicesMap = exec(platform, alicesContainer, "cat /proc/self/uid_map").strip().split("\\s+")[1];
        assertNotEquals(alicesMap, bobsMap);

        alice.run(platform.work, "paas", "apps:destroy", "-a", "apart-alice", "--confirm", "apart-alice").ok();
        bob.run(platform.work, "paas", "apps:destroy", "-a", "apart-bob", "--confirm", "apart-bob").ok();
        bob.run(platform.work, "paas", "apps:destroy", "-a", "apart-bob80", "--confirm", "apart-bob80").ok();
    }

    /** A git repository with only DOCKERFILE, and an app of USER's for it. */
    private static Path dockerfileApp(Platform platform, Shell user, String app, String dockerfile) throws IOException {
        Path dir = Files.createDirectories(platform.work.resolve(app));
        Files.writeString(dir.resolve("Dockerfile"), dockerfile);
        user.run(dir, "git", "init", "-q", "-b", "main").ok();
        user.run(dir, "git", "add", "-A").ok();
        user.run(dir, "git", "commit", "-q", "-m", "image").ok();
        user.run(dir, "paas", "apps:create", app).ok();
        return dir;
    }

    /** The id of the app's running web container. */
    private static String container(Platform platform, String app) {
        String ids = podman(platform, "ps", "-q", "--filter", "label=paas.platform=" + platform.platformId,
                "--filter", "label=paas.app=" + app, "--filter", "label=paas.type=web", "--filter", "status=running");
        return ids.lines().filter(l -> !l.isBlank()).findFirst()
                .orElseThrow(() -> new AssertionError("no running web container of " + app));
    }

    private static String inspect(Platform platform, String container, String format) {
        return podman(platform, "inspect", "--format", format, container).strip();
    }

    /** A shell command run inside the container, as its processes run (its user, its namespaces). */
    private static String exec(Platform platform, String container, String command) {
        return podman(platform, "exec", container, "bash", "-c", command);
    }

    /** The podman command on the platform's engine (its containers.conf: runtime, network configs). */
    private static String podman(Platform platform, String... args) {
        List<String> command = new ArrayList<>(List.of("podman"));
        command.addAll(List.of(args));
        return platform.shell().copy()
                .env("CONTAINERS_CONF", platform.data.resolve("podman/containers.conf").toString())
                .run(platform.work, command.toArray(String[]::new)).ok().output();
    }
}
