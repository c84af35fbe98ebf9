package io.paas.router;

import io.netty.util.ResourceLeakDetector;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** `java -jar paas-router.jar`: settings from the environment, runs until SIGTERM/SIGINT. */
public final class RouterMain {
    private RouterMain() {
    }

    public static void main(String[] args) {
        // Netty samples buffers for leak reports by default, with a stack trace each: a cost on every request of a
        // router that the tests (which run with detection on) already cover. -Dio.netty.leakDetection.level turns it back on.
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        RouterSettings settings;
        try {
            settings = RouterSettings.fromEnv(System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("paas-router: " + e.getMessage());
            System.exit(2);
            return;
        }
        Router router;
        try {
            router = Router.start(settings).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            System.err.println("paas-router: " + (settings.takeover()
                    ? "no route table from " + settings.controllerUrl() + " within 60 s: not taking over the running router's ports"
                    : "not listening after 60 s"));
            System.exit(1);
            return;
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            if (cause instanceof IllegalArgumentException) {
                System.err.println("paas-router: " + cause.getMessage());
                System.exit(2);
                return;
            }
            System.err.println("paas-router: cannot listen on " + settings.bind() + ":" + settings.port() + " ("
                    + (cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName()) + ")");
            System.exit(1);
            return;
        }
        Log.info((settings.takeover() ? "took over from the running router: " : "") + "listening on http://" + settings.bind() + ":" + router.port()
                + (router.tlsPort() > 0 ? ", https://" + settings.bind() + ":" + router.tlsPort() : "")
                + (router.adminPort() > 0 ? ", metrics on http://" + settings.adminBind() + ":" + router.adminPort() + "/metrics" : "")
                + " (" + settings.eventLoops() + " event loops, " + router.transport()
                + (router.tlsPort() > 0 ? ", " + router.tlsEngine() : "")
                + "), routes from " + (settings.staticRoutes() != null ? settings.staticRoutes() : settings.controllerUrl()
                + " as " + settings.routerId()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            Log.info("shutting down: finishing requests in flight");
            try {
                router.stop().toCompletionStage().toCompletableFuture()
                        .get(settings.shutdownGraceMillis() + 5000, TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                // Exiting anyway: nothing useful to add for the operator beyond the line below.
            }
            Log.info("stopped");
        }, "paas-router-shutdown"));
    }
}
