package io.paas.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One private platform for the whole end-to-end suite, started by infra/platform.sh on free ports
 * with its own data directory and platform id, and stopped (with everything it made) when the
 * test JVM ends. Commands run through {@link #shell()} as user alice, with her own HOME.
 */
final class Platform {
    static final Path REPO = Path.of(System.getProperty("user.dir")).resolve("../..").normalize();
    static final String PASSWORD = "s3cret-pass";
    /**
     * This machine's own address, which the test platform allows buildpack URLs to reach: builds run
     * on the engine's bridge, so a test's server on a loopback address would be out of their reach.
     */
    static final String BUILDPACK_HOST = machineAddress();
    private static Platform instance;

    final Path work;
    final Path data;
    final String platformId;
    private final Shell shell;
    private final Properties settings = new Properties();

    private Platform() throws IOException {
        this(java.util.Map.of());
    }

    /** A platform of its own with these settings on top (closed by its test), beside the suite's one. */
    static Platform startedWith(java.util.Map<String, String> env) throws IOException {
        return new Platform(env);
    }

    private Platform(java.util.Map<String, String> env) throws IOException {
        work = Files.createTempDirectory("paas-e2e");
        data = work.resolve("platform");
        platformId = "e2e" + UUID.randomUUID().toString().substring(0, 6);
        Path home = Files.createDirectories(work.resolve("home"));
        shell = new Shell()
                .env("HOME", home.toString())
                .env("PAAS_HOME", data.toString())
                .env("PAAS_PLATFORM_ID", platformId)
                .env("PAAS_CONTROLLER_PORT", "0").env("PAAS_BUILDER_PORT", "0").env("PAAS_BUILDER_SSH_PORT", "0")
                .env("PAAS_ROUTER_PORT", "0").env("PAAS_REGISTRY_PORT", "0")
                .env("PAAS_ROUTER_TLS_PORT", "0").env("PAAS_ROUTER_ADMIN_PORT", "0")
                .env("PAAS_CONTROLLER_ADMIN_PORT", "0").env("PAAS_BUILDER_ADMIN_PORT", "0")
                .env("PAAS_NO_GLOBAL_BIN", "1")
                // Short deadlines so that the failure tests finish quickly.
                .env("PAAS_DEPLOY_HEALTH_DEADLINE", "20")
                .env("PAAS_DEPLOY_STOP_GRACE", "5")
                // crashed containers must be replaced from the engine's events, never by the full pass
                .env("PAAS_DEPLOY_RESYNC_INTERVAL", "3600")
                // a host the operator lets buildpack URLs reach: BuildpacksTest serves a buildpack there
                .env("PAAS_BUILDPACK_ALLOWED_HOSTS", BUILDPACK_HOST)
                .env("PAAS_CACHE", System.getenv().getOrDefault("PAAS_CACHE",
                        Path.of(System.getProperty("user.home"), ".cache/paas").toString()))
                .env("GIT_TERMINAL_PROMPT", "0")
                .env("GIT_AUTHOR_NAME", "Alice").env("GIT_AUTHOR_EMAIL", "alice@example.com")
                .env("GIT_COMMITTER_NAME", "Alice").env("GIT_COMMITTER_EMAIL", "alice@example.com");
        env.forEach(shell::env);
        shell.run(REPO, 30, "infra/platform.sh", "start").ok();
        try (var reader = Files.newBufferedReader(data.resolve("platform.env"))) {
            settings.load(reader);
        }
        shell.env("PATH", data.resolve("bin") + ":" + System.getenv("PATH"));
        shell.run(work, "paas", "register", controllerUrl(), "--username", "alice", "--password", PASSWORD).ok();
    }

    /** The first IPv4 address of an interface that is up and not loopback: what containers reach the host at. */
    private static String machineAddress() {
        try {
            return java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                    .filter(nic -> {
                        try {
                            return nic.isUp() && !nic.isLoopback();
                        } catch (java.net.SocketException e) {
                            return false;
                        }
                    })
                    .flatMap(nic -> java.util.Collections.list(nic.getInetAddresses()).stream())
                    .filter(a -> a instanceof java.net.Inet4Address && !a.isLinkLocalAddress() && !a.isLoopbackAddress())
                    .map(java.net.InetAddress::getHostAddress)
                    .filter(a -> !a.startsWith("10.88."))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("this machine has no IPv4 address but loopback"));
        } catch (java.net.SocketException e) {
            throw new UncheckedIOException(e);
        }
    }

    static synchronized Platform get() {
        if (instance == null) {
            try {
                instance = new Platform();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(instance::stop));
        }
        return instance;
    }

    Shell shell() {
        return shell;
    }

    /**
     * A shell for another user of this platform, registered with their own HOME (their paas config
     * and git credential helper). Not an admin: alice registered first, and registration is then closed,
     * so alice (the admin) adds the user, who logs in.
     */
    Shell registerUser(String username) {
        try {
            Path home = Files.createDirectories(work.resolve("home-" + username));
            Shell user = shell.copy().env("HOME", home.toString())
                    .env("GIT_AUTHOR_NAME", username).env("GIT_AUTHOR_EMAIL", username + "@example.com")
                    .env("GIT_COMMITTER_NAME", username).env("GIT_COMMITTER_EMAIL", username + "@example.com");
            shell.run(work, "paas", "users:add", username, "--password", PASSWORD).ok();
            user.run(work, "paas", "login", controllerUrl(), "--username", username, "--password", PASSWORD).ok();
            return user;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String MANIFEST_TYPES = "Accept: application/vnd.docker.distribution.manifest.v2+json, "
            + "application/vnd.oci.image.manifest.v1+json";

    /** The HTTP status of a GET of the platform's registry API (/v2/PATH), asking for image manifests. */
    int registryStatus(String path) {
        return Integer.parseInt(shell.run(work, "curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}",
                "-H", MANIFEST_TYPES, "http://127.0.0.1:" + setting("PAAS_REGISTRY_PORT") + "/v2/" + path).ok().output().strip());
    }

    /** The body of a GET of the platform's registry API (/v2/PATH). */
    String registry(String path) {
        return shell.run(work, "curl", "-sS", "-H", MANIFEST_TYPES,
                "http://127.0.0.1:" + setting("PAAS_REGISTRY_PORT") + "/v2/" + path).ok().output();
    }

    String setting(String name) {
        String value = settings.getProperty(name);
        return value == null ? null : value.replace("\"", "").replace("'", "");
    }

    String controllerUrl() {
        return "http://127.0.0.1:" + setting("PAAS_CONTROLLER_PORT");
    }

    String routerPort() {
        return setting("PAAS_ROUTER_PORT");
    }

    Path dockerSocket() {
        return data.resolve("podman/podman.sock");
    }

    /** A copy of a sample app in its own git repository with one commit. */
    Path sample(String name, String as) {
        Path dir = work.resolve(as);
        shell.run(REPO, "cp", "-r", "infra/samples/" + name, dir.toString()).ok();
        shell.run(dir, "git", "init", "-q", "-b", "main").ok();
        commitAll(dir, "first");
        return dir;
    }

    void commitAll(Path dir, String message) {
        shell.run(dir, "git", "add", "-A").ok();
        shell.run(dir, "git", "commit", "-q", "--allow-empty", "-m", message).ok();
    }

    Shell.Result curl(String app) {
        return shell.run(work, "curl", "-sS", "-w", "\n%{http_code}", "http://" + app + ".localhost:" + routerPort() + "/");
    }

    /**
     * Pushes from DIR (the git command PUSH) and waits for the router to answer APP with TEXT;
     * prints the push-to-live time under WHAT and returns the push output.
     */
    String pushUntilServed(String app, Path dir, String what, String text, String... push) {
        long started = System.nanoTime();
        String output = shell.run(dir, push).ok().output();
        Shell.Result page = curl(app);
        for (int i = 0; i < 50 && !page.output().contains(text); i++) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            page = curl(app);
        }
        if (status(page) != 200 || !page.output().contains(text)) {
            throw new AssertionError(what + ": expected 200 with \"" + text + "\", got:\n" + page.output() + "\n" + output);
        }
        System.out.printf("%s: push to live in %.1f s%n", what, (System.nanoTime() - started) / 1e9);
        return output;
    }

    /** The app's page once it answers 200 with text, or the last answer when deadline (System.nanoTime) passes first. */
    Shell.Result awaitServed(String app, String text, long deadline) throws InterruptedException {
        Shell.Result page = curl(app);
        while (System.nanoTime() < deadline && (status(page) != 200 || !page.output().contains(text))) {
            Thread.sleep(200);
            page = curl(app);
        }
        return page;
    }

    static int status(Shell.Result curl) {
        String[] lines = curl.output().strip().split("\n");
        return Integer.parseInt(lines[lines.length - 1].strip());
    }

    /** Containers of the app that the engine reports running (asked through the platform's Docker API). */
    int running(String app) {
        Shell.Result ps = shell.run(work, "podman", "ps", "-q", "--filter", "label=paas.platform=" + platformId,
                "--filter", "label=paas.app=" + app);
        return (int) ps.output().lines().filter(l -> !l.isBlank()).count();
    }

    /** A call to the platform's Docker API (Podman service), as curl prints it. */
    String engine(String method, String path) {
        return shell.run(work, "curl", "-sS", "-X", method, "--unix-socket", dockerSocket().toString(),
                "http://d/v1.41" + path).ok().output();
    }

    /** The controller goes away and comes back; the router keeps serving its last routes meanwhile. */
    void restartController() throws Exception {
        long pid = Long.parseLong(Files.readString(data.resolve("run/controller.pid")).strip());
        ProcessHandle controller = ProcessHandle.of(pid).orElseThrow();
        controller.destroy();
        controller.onExit().get();
        Thread.sleep(3000);
        startMissing();
    }

    /** Starts whatever part of the platform is not running (after a test stopped one). */
    void startMissing() {
        shell.run(REPO, 10, "infra/platform.sh", "start").ok();
    }

    void stop() {
        // Also drops the app images this platform pulled into the machine's shared image store.
        shell.copy().env("PAAS_REMOVE_IMAGES", "1").run(REPO, 5, "infra/platform.sh", "stop");
        // The platform's logs outlive it, for whoever reads a failed run.
        Path logs = Path.of(System.getProperty("user.dir"), "target", "e2e-logs", platformId);
        shell.run(REPO, "mkdir", "-p", logs.toString());
        shell.run(REPO, "cp", "-r", data.resolve("logs").toString(), logs.toString());
        try (Stream<Path> paths = Files.walk(work)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temporary files only
        }
    }
}
