package io.paas.controller.prometheus;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts every request on the API's port: first of all the routes, so that it sees each one (404s
 * and the OpenAPI document too) and its end, whether the answer ends or the client goes away. The
 * route it is counted under is its resource's template, which the filter below leaves on the
 * request once the resource is known: paths name apps, templates do not.
 */
@ApplicationScoped
public class RequestCounting {
    private static final String ROUTE = "paas.route";
    private final ControllerMetrics metrics;
    private final Map<Method, String> templates = new ConcurrentHashMap<>();

    public RequestCounting(ControllerMetrics metrics) {
        this.metrics = metrics;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            long started = System.nanoTime();
            metrics.requestStarted();
            ctx.addEndHandler(ended -> {
                Object route = ctx.get(ROUTE);
                metrics.requestEnded(ctx.request().method().name(), route == null ? "other" : route.toString(),
                        ctx.response().getStatusCode(), System.nanoTime() - started);
            });
            ctx.next();
        });
    }

    @ServerRequestFilter
    public void rememberRoute(ResourceInfo resource, RoutingContext ctx) {
        Method method = resource.getResourceMethod();
        if (method != null) {
            ctx.put(ROUTE, templates.computeIfAbsent(method, m -> template(resource.getResourceClass(), m)));
        }
    }

    private static String template(Class<?> resource, Method method) {
        Path base = resource.getAnnotation(Path.class);
        Path own = method.getAnnotation(Path.class);
        String path = (base == null ? "" : base.value()) + (own == null ? "" : "/" + own.value());
        // "{key: .+}" is the template's "{key}"
        return ("/" + path).replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}").replaceAll("/+", "/").replaceAll("(.)/$", "$1");
    }
}
