package io.paas.controller.api;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every JAX-RS route of the controller, found from its classes (each class under io.paas.controller
 * with a {@code @Path}, each of its methods with an HTTP method): a resource or method added later is
 * in the list without editing a test. For tests that must try every route (the OpenAPI document, permissions).
 */
public final class Routes {
    private static final String ROOT = "io/paas/controller/";
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    /**
     * @param method  GET, POST, PUT, PATCH, DELETE ...
     * @param path    the template as OpenAPI writes it: "/v2/apps/{app}/config" (a parameter's regex left out)
     * @param handler the resource method that answers it
     */
    public record Route(String method, String path, Method handler) {
        /** Whether the route reads the caller's token (every route but the public ones). */
        public boolean readsToken() {
            return Stream.of(handler.getParameters())
                    .anyMatch(p -> p.isAnnotationPresent(HeaderParam.class)
                            && "Authorization".equalsIgnoreCase(p.getAnnotation(HeaderParam.class).value()));
        }

        /** "/v2/apps/{app}/config" with each {name} replaced: a path to call. */
        public String pathWith(UnaryOperator<String> values) {
            return PARAMETER.matcher(path).replaceAll(m -> Matcher.quoteReplacement(values.apply(m.group(1))));
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private Routes() {
    }

    /** Sorted by path, then method. Never empty: finding no resource is an error, not a pass. */
    public static List<Route> all() {
        List<Route> routes = new ArrayList<>();
        for (Class<?> type : controllerClasses()) {
            Path base = type.getAnnotation(Path.class);
            if (base == null || type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
                continue;
            }
            for (Method method : type.getMethods()) {
                String verb = httpMethod(method);
                Path sub = method.getAnnotation(Path.class);
                if (verb == null && sub != null) {
                    // a sub-resource locator: its routes live in the class it returns
                    throw new IllegalStateException("Routes does not follow sub-resource locators yet: " + method);
                }
                if (verb != null) {
                    routes.add(new Route(verb, join(base.value(), sub == null ? "" : sub.value()), method));
                }
            }
        }
        if (routes.isEmpty()) {
            throw new IllegalStateException("no JAX-RS resource found under " + ROOT);
        }
        routes.sort(Comparator.comparing(Route::path).thenComparing(Route::method));
        return routes;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** "/v2/apps" + "{app}/config" -> "/v2/apps/{app}/config"; "{v: [0-9]+}" -> "{v}". */
    static String join(String base, String sub) {
        String path = ("/" + base + "/" + sub).replaceAll("/+", "/");
        path = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return path.replaceAll("\\{\\s*([^}:\\s]+)\\s*(:[^}]*)?}", "{$1}");
    }

    /** The classes of the controller itself, from the directory or jar that holds them. */
    private static List<Class<?>> controllerClasses() {
        ClassLoader loader = Routes.class.getClassLoader();
        URL marker = loader.getResource(ROOT + "ControllerMain.class");
        if (marker == null) {
            throw new IllegalStateException("the controller's classes are not on the class path");
        }
        List<String> names = new ArrayList<>();
        try {
            if ("jar".equals(marker.getProtocol())) {
                JarURLConnection connection = (JarURLConnection) marker.openConnection();
                connection.setUseCaches(false); // a cached JarFile is shared: closing it would close it for others
                try (JarFile jar = connection.getJarFile()) {
                    jar.stream().map(e -> e.getName()).filter(n -> n.startsWith(ROOT)).forEach(names::add);
                }
            } else {
                java.nio.file.Path root = java.nio.file.Path.of(marker.toURI()).getParent();
                java.nio.file.Path classes = root;
                for (int i = ROOT.split("/").length; i > 0; i--) {
                    classes = classes.getParent();
                }
                java.nio.file.Path top = classes;
                try (Stream<java.nio.file.Path> files = Files.walk(root)) {
                    files.map(f -> top.relativize(f).toString().replace('\\', '/')).forEach(names::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Class<?>> classes = new ArrayList<>();
        for (String name : names) {
            if (!name.endsWith(".class") || name.contains("$")) {
                continue;
            }
            String className = name.substring(0, name.length() - ".class".length()).replace('/', '.');
            try {
                classes.add(Class.forName(className, false, loader));
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException("cannot load " + className, e);
            }
        }
        return classes;
    }
}
