package io.paas.builder.git;

import io.paas.builder.build.BuildRunner;
import io.paas.builder.metrics.BuilderMetrics;
import io.paas.builder.stores.AppStores;
import io.paas.builder.stores.AppStoresServlet;
import io.paas.client.ControllerClient;
import jakarta.servlet.DispatcherType;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.FilterMapping;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jgit.http.server.GitServlet;

import java.time.Duration;
import java.util.EnumSet;

/**
 * JGit's smart-HTTP git server on Jetty: http://HOST:PORT/<app>.git, and the controller's
 * DELETE http://HOST:PORT/internal/apps/<id> when it destroys an app.
 */
public class GitServer implements AutoCloseable {
    // a build runs inside the push request and may be silent for minutes (image pulls, npm install)
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);

    private final Server server;
    private final ServerConnector connector;

    public GitServer(String bind, int port, ControllerClient controller, BuildRunner runner, AppStores stores,
                     String serviceToken) {
        this(bind, port, controller, runner, stores, serviceToken, AppReceivePackFactory.DEFAULT_MAX_PACK_BYTES);
    }

    public GitServer(String bind, int port, ControllerClient controller, BuildRunner runner, AppStores stores,
                     String serviceToken, long maxPackBytes) {
        this(bind, port, controller, runner, stores, serviceToken, maxPackBytes, new BuilderMetrics());
    }

    /** maxPackBytes: the most one push may send (PAAS_GIT_PACK_MAX); metrics: where pushes are counted. */
    public GitServer(String bind, int port, ControllerClient controller, BuildRunner runner, AppStores stores,
                     String serviceToken, long maxPackBytes, BuilderMetrics metrics) {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("git");
        server = new Server(threads);
        connector = new ServerConnector(server, 1, 1);
        connector.setHost(bind);
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        server.addConnector(connector);

        GitServlet git = new GitServlet();
        git.setRepositoryResolver(new AppRepositoryResolver(new AppRepositories(stores.gitDir())));
        git.setReceivePackFactory(new AppReceivePackFactory(runner, stores.locks(), maxPackBytes, metrics,
                BuilderMetrics.Transport.HTTP));

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder("git", git), "/*");
        context.addServlet(new ServletHolder("app-stores", new AppStoresServlet(stores, serviceToken)),
                "/internal/apps/*");
        // users' credentials guard git only; the internal API takes the service token
        FilterHolder auth = new FilterHolder(new PushAuthFilter(controller, stores.locks()));
        auth.setName("push-auth");
        FilterMapping authForGit = new FilterMapping();
        authForGit.setFilterName("push-auth");
        authForGit.setServletName("git");
        authForGit.setDispatcherTypes(EnumSet.of(DispatcherType.REQUEST));
        context.getServletHandler().addFilter(auth, authForGit);
        server.setHandler(context);
        server.setStopTimeout(Duration.ofSeconds(10).toMillis());
    }

    public GitServer start() throws Exception {
        server.start();
        return this;
    }

    /** The bound port (useful when started on port 0). */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
