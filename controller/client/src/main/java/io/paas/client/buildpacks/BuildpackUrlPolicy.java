package io.paas.client.buildpacks;

import io.paas.client.net.PlatformHosts;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Which hosts a tenant's buildpack URL may point at. The platform fetches it for the tenant, so a
 * URL at one of the platform's own addresses ({@link PlatformHosts}) would make it read its own
 * services (API, registry, database, cloud metadata): those are refused, by address after
 * resolving the name, unless the operator allows the host
 * (PAAS_BUILDPACK_ALLOWED_HOSTS: `host` or `host:port`, comma separated). An allowed host without a
 * port still never reaches one of the platform's own ports. check answers the addresses it
 * checked, so that the fetch goes to those and not to what the name resolves to a moment later.
 */
public class BuildpackUrlPolicy {
    /** The operator setting read by the controller and the builder. */
    public static final String SETTING = "PAAS_BUILDPACK_ALLOWED_HOSTS";

    /** Resolves a host name to its addresses (the JDK's resolver outside tests). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private record Allowed(String host, Integer port) {
        boolean matches(String h, int p) {
            return host.equals(h) && (port == null || port == p);
        }
    }

    private final List<Allowed> allowed;
    private final Set<Integer> platformPorts;
    private final Resolver resolver;
    private final Supplier<Set<InetAddress>> localAddresses;

    public BuildpackUrlPolicy(String allowedHosts, Collection<Integer> platformPorts, Resolver resolver,
                              Supplier<Set<InetAddress>> localAddresses) {
        this.allowed = parse(allowedHosts);
        this.platformPorts = Set.copyOf(platformPorts);
        this.resolver = resolver;
        this.localAddresses = localAddresses;
    }

    /** With the JDK's resolver and this machine's interface addresses. */
    public static BuildpackUrlPolicy of(String allowedHosts, Collection<Integer> platformPorts) {
        return new BuildpackUrlPolicy(allowedHosts, platformPorts, InetAddress::getAllByName,
                PlatformHosts::machineAddresses);
    }

    /** The platform's ports (infra/lib/settings.sh names and defaults), whichever part reads them. */
    private static final Map<String, Integer> PORT_SETTINGS = Map.of("PAAS_CONTROLLER_PORT", 7100,
            "PAAS_BUILDER_PORT", 7101, "PAAS_BUILDER_SSH_PORT", 7102, "PAAS_ROUTER_PORT", 7180, "PAAS_REGISTRY_PORT", 7150,
            "PAAS_ROUTER_TLS_PORT", 7443, "PAAS_ROUTER_ADMIN_PORT", 7190, "PAAS_CONTROLLER_ADMIN_PORT", 7191,
            "PAAS_BUILDER_ADMIN_PORT", 7192);

    /**
     * The policy of the platform settings env gives (PAAS_BUILDPACK_ALLOWED_HOSTS and the ports),
     * as the controller and the builder both read them.
     */
    public static BuildpackUrlPolicy fromSettings(Function<String, String> env) {
        Set<Integer> ports = new HashSet<>();
        PORT_SETTINGS.forEach((name, fallback) -> {
            String value = env.apply(name);
            try {
                ports.add(value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip()));
            } catch (NumberFormatException e) {
                ports.add(fallback);
            }
        });
        String registry = env.apply("PAAS_REGISTRY");
        if (registry != null && registry.matches(".*:[0-9]{1,5}")) {
            ports.add(Integer.parseInt(registry.substring(registry.lastIndexOf(':') + 1)));
        }
        ports.remove(0);
        return of(env.apply(SETTING), ports);
    }

    /** Checks a URL buildpack (built-in ones pass) and answers the addresses to fetch it from. */
    public List<InetAddress> check(BuildpackRef ref) throws BuildpackRefused {
        if (ref.url() == null) {
            return List.of();
        }
        URI url = ref.url();
        String host = host(url);
        int port = url.getPort() >= 0 ? url.getPort() : url.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw new BuildpackRefused("buildpack URL " + ref.display() + " is refused: its host " + host
                    + " does not resolve to an address");
        }
        Allowed allowance = allowed.stream().filter(a -> a.matches(host, port)).findFirst().orElse(null);
        if (allowance != null) {
            if (allowance.port() == null && platformPorts.contains(port)) {
                throw refused(ref, "port " + port + " is one of the platform's own ports");
            }
            return List.of(addresses);
        }
        Set<InetAddress> local = localAddresses.get();
        for (InetAddress address : addresses) {
            String why = PlatformHosts.why(address, local);
            if (why != null) {
                boolean literal = host.indexOf(':') >= 0 || host.matches("[0-9.]+");
                String named = literal ? host : host + " (" + address.getHostAddress() + ")";
                throw refused(ref, named + " is " + why);
            }
        }
        return List.of(addresses);
    }

    private static BuildpackRefused refused(BuildpackRef ref, String why) {
        return new BuildpackRefused("buildpack URL " + ref.display() + " is refused: " + why
                + ", which builds may not reach (the platform's operator can allow a host with " + SETTING + ")");
    }

    /** The URL's host as the resolver and the allowed list take it: lower case, IPv6 without brackets. */
    public static String host(URI url) {
        String host = url.getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static List<Allowed> parse(String setting) {
        List<Allowed> entries = new ArrayList<>();
        if (setting == null) {
            return entries;
        }
        for (String entry : setting.split("[,\\s]+")) {
            String e = entry.strip().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                continue;
            }
            // [v6]:port, [v6], host:port, host, or a bare IPv6 address (more than one colon)
            if (e.startsWith("[")) {
                int close = e.indexOf(']');
                String port = e.substring(close + 1);
                entries.add(new Allowed(e.substring(1, close), port.startsWith(":") ? port(port.substring(1), entry) : null));
            } else if (e.indexOf(':') >= 0 && e.indexOf(':') == e.lastIndexOf(':')) {
                int colon = e.indexOf(':');
                entries.add(new Allowed(e.substring(0, colon), port(e.substring(colon + 1), entry)));
            } else {
                entries.add(new Allowed(e, null));
            }
        }
        return entries;
    }

    private static Integer port(String text, String entry) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException(SETTING + ": '" + entry + "' has no valid port (host or host:port)");
    }
}
