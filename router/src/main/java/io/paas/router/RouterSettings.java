package io.paas.router;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What the router needs, read from the environment (infra/PLATFORM.md).
 *
 * @param port          plain HTTP (and h2c); 0 picks any free port
 * @param tlsPort       HTTPS with SNI and HTTP/2 over ALPN; 0 picks any free port, -1 turns it off
 * @param adminPort     GET /metrics (Prometheus) and /healthz; 0 picks any free port, -1 turns it off
 * @param serviceToken  asked again at every reconnect: the controller may write the token file after we start
 * @param eventLoops    listening instances, one per core by default
 * @param accessLog     one line per request on stdout (PAAS_ROUTER_ACCESS_LOG=0 turns it off)
 * @param staticRoutes  a route table JSON file served instead of following the controller (benchmarks, tests); null normally
 * @param routerId      how this router names itself in acks to the controller
 * @param transport     auto (io_uring, else epoll, else NIO), io_uring, epoll or nio: see Transports
 * @param bind          the users' ports: PAAS_ROUTER_BIND (0.0.0.0 to serve the internet), else PAAS_BIND
 * @param adminBind     the metrics port: PAAS_BIND (the private address), whatever PAAS_ROUTER_BIND says
 * @param tlsEngine     PAAS_ROUTER_TLS_ENGINE: auto (the default: openssl where it loads), openssl (BoringSSL through
 *                      netty-tcnative) or jdk (the JDK's TLS)
 * @param takeover      PAAS_ROUTER_TAKEOVER=1: another router of this platform listens on these ports and stops once this one
 *                      serves (infra/platform.sh restart): join its ports instead of refusing them, and only once the
 *                      first route table is in, so that no connection is ever accepted without its routes
 */
public record RouterSettings(String bind, int port, int tlsPort, int adminPort, String controllerUrl,
                             Supplier<String> serviceToken, int eventLoops, long shutdownGraceMillis,
                             boolean accessLog, Path staticRoutes, String routerId, String transport,
                             boolean takeover, String adminBind, String tlsEngine) {

    /** Tests and embedding: plain port only besides any-port TLS and admin, access log on. */
    public static RouterSettings of(String bind, int port, String controllerUrl, Supplier<String> serviceToken,
                                    int eventLoops, long shutdownGraceMillis) {
        return new RouterSettings(bind, port, 0, 0, controllerUrl, serviceToken, eventLoops, shutdownGraceMillis,
                true, null, "router-" + ProcessHandle.current().pid() + "-" + System.nanoTime(), "auto", false, bind, "auto");
    }

    public RouterSettings withStaticRoutes(Path file) {
        return new RouterSettings(bind, port, tlsPort, adminPort, controllerUrl, serviceToken, eventLoops,
                shutdownGraceMillis, accessLog, file, routerId, transport, takeover, adminBind, tlsEngine);
    }

    public RouterSettings withAccessLog(boolean on) {
        return new RouterSettings(bind, port, tlsPort, adminPort, controllerUrl, serviceToken, eventLoops,
                shutdownGraceMillis, on, staticRoutes, routerId, transport, takeover, adminBind, tlsEngine);
    }

    public RouterSettings withTransport(String name) {
        return new RouterSettings(bind, port, tlsPort, adminPort, controllerUrl, serviceToken, eventLoops,
                shutdownGraceMillis, accessLog, staticRoutes, routerId, name, takeover, adminBind, tlsEngine);
    }

    public RouterSettings withTlsEngine(String engine) {
        return new RouterSettings(bind, port, tlsPort, adminPort, controllerUrl, serviceToken, eventLoops,
                shutdownGraceMillis, accessLog, staticRoutes, routerId, transport, takeover, adminBind, tlsEngine(engine));
    }

    /** auto (the default: openssl where its native library loads, else jdk), openssl or jdk: see infra/bench/tls-bench.sh. */
    private static String tlsEngine(String name) {
        String engine = name == null ? "auto" : name.strip().toLowerCase(java.util.Locale.ROOT);
        if (!engine.equals("auto") && !engine.equals("jdk") && !engine.equals("openssl")) {
            throw new IllegalArgumentException("PAAS_ROUTER_TLS_ENGINE must be auto, openssl or jdk, not '" + name + "'");
        }
        return engine;
    }

    public RouterSettings withTakeover(boolean on) {
        return new RouterSettings(bind, port, tlsPort, adminPort, controllerUrl, serviceToken, eventLoops,
                shutdownGraceMillis, accessLog, staticRoutes, routerId, transport, on, adminBind, tlsEngine);
    }

    public static RouterSettings fromEnv(Map<String, String> env) {
        String home = env.getOrDefault("PAAS_HOME", System.getProperty("user.home") + "/.paas-platform");
        String token = blankToNull(env.get("PAAS_ROUTER_TOKEN"));
        Path tokenFile = Path.of(home, "secrets", "router-token");
        Supplier<String> tokens = token != null ? () -> token : () -> readToken(tokenFile);
        int port = intSetting(env, "PAAS_ROUTER_PORT", 7180, 0, 65535);
        String staticRoutes = blankToNull(env.get("PAAS_ROUTER_STATIC_ROUTES"));
        if (staticRoutes != null && !Files.isReadable(Path.of(staticRoutes))) {
            throw new IllegalArgumentException("PAAS_ROUTER_STATIC_ROUTES names a file that cannot be read: " + staticRoutes);
        }
        String routerId = blankToNull(env.get("PAAS_ROUTER_ID"));
        String transport = Transports.name(blankToNull(env.get("PAAS_ROUTER_TRANSPORT")));
        String privateBind = env.getOrDefault("PAAS_BIND", "127.0.0.1");
        String publicBind = blankToNull(env.get("PAAS_ROUTER_BIND"));
        return new RouterSettings(
                publicBind != null ? publicBind : privateBind,
                port,
                intSetting(env, "PAAS_ROUTER_TLS_PORT", 7443, -1, 65535),
                intSetting(env, "PAAS_ROUTER_ADMIN_PORT", 7190, -1, 65535),
                env.getOrDefault("PAAS_CONTROLLER_URL", "http://127.0.0.1:7100"),
                tokens,
                intSetting(env, "PAAS_ROUTER_EVENT_LOOPS", Runtime.getRuntime().availableProcessors(), 1, 256),
                10_000,
                !"0".equals(env.get("PAAS_ROUTER_ACCESS_LOG")) && !"false".equalsIgnoreCase(env.get("PAAS_ROUTER_ACCESS_LOG")),
                staticRoutes == null ? null : Path.of(staticRoutes),
                routerId != null ? routerId : hostName() + ":" + port,
                transport,
                "1".equals(env.get("PAAS_ROUTER_TAKEOVER")),
                privateBind,
                tlsEngine(blankToNull(env.get("PAAS_ROUTER_TLS_ENGINE"))));
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "router";
        }
    }

    private static String readToken(Path file) {
        try {
            return blankToNull(Files.readString(file, StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return null;
        }
    }

    private static int intSetting(Map<String, String> env, String name, int fallback, int min, int max) {
        String value = blankToNull(env.get(name));
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException(name + " must be a number from " + min + " to " + max + ", got '" + value + "'");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
