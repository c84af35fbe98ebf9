package io.paas.controller.platform;

import io.paas.client.buildpacks.BuildpackUrlPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The platform-wide settings, read once from the environment (names in infra/PLATFORM.md). */
@ApplicationScoped
public class PlatformSettings {
    private final Path home;
    private final String platformId;
    private final String domain;
    private final String routerUrl;
    private final String builderUrl;
    private final String builderInternalUrl;
    private final String sshUrl;
    private final String registry;
    private final String stack;
    private final String dockerHost;
    private final String builderToken;
    private final String routerToken;
    private final Path buildpacksDir;
    private final BuildpackUrlPolicy buildpackPolicy;
    private final boolean allowPlatformAddresses;
    private final String appNetwork;
    private final boolean appUserNamespaces;

    public PlatformSettings() {
        String configuredHome = env("PAAS_HOME", null);
        this.home = configuredHome != null ? Path.of(configuredHome) : home();
        this.platformId = env("PAAS_PLATFORM_ID", "paas");
        this.domain = env("PAAS_DOMAIN", "localhost");
        this.routerUrl = trimSlash(env("PAAS_ROUTER_URL", "http://localhost:7180"));
        this.builderUrl = trimSlash(env("PAAS_BUILDER_URL", "http://127.0.0.1:7101"));
        // The builder's own port on loopback, for calls that carry the service token: never the
        // public git URL, which may go through a proxy or over the network in the clear.
        this.builderInternalUrl = trimSlash(env("PAAS_BUILDER_INTERNAL_URL",
                "http://127.0.0.1:" + env("PAAS_BUILDER_PORT", "7101")));
        // git's SSH remotes: the builder's SSH port on the host of its HTTP URL, unless given whole
        this.sshUrl = trimSlash(env("PAAS_BUILDER_SSH_URL",
                "ssh://git@" + host(builderUrl) + ":" + env("PAAS_BUILDER_SSH_PORT", "7102")));
        this.registry = env("PAAS_REGISTRY", "127.0.0.1:7150");
        this.stack = env("PAAS_STACK", "bookworm");
        this.dockerHost = env("PAAS_DOCKER_HOST", "unix://" + home.resolve("podman/podman.sock"));
        this.builderToken = serviceToken(home, "builder", "PAAS_BUILDER_TOKEN");
        this.routerToken = serviceToken(home, "router", "PAAS_ROUTER_TOKEN");
        String buildpacks = env("PAAS_BUILDPACKS_DIR", null);
        this.buildpacksDir = buildpacks == null ? null : Path.of(buildpacks).toAbsolutePath().normalize();
        this.buildpackPolicy = BuildpackUrlPolicy.fromSettings(name -> env(name, null));
        this.allowPlatformAddresses = Boolean.parseBoolean(env("PAAS_ALLOW_PLATFORM_ADDRESSES", "false"));
        this.appNetwork = env("PAAS_APP_NETWORK", null);
        this.appUserNamespaces = Boolean.parseBoolean(env("PAAS_APP_USERNS", "true"));
    }

    /** Which engine runs the apps: "docker" (the Docker API: Podman or Docker; the default) or "kubernetes". */
    public String engine() {
        String engine = env("PAAS_ENGINE", "docker").toLowerCase(java.util.Locale.ROOT);
        return "podman".equals(engine) ? "docker" : engine;
    }

    /**
     * The Kubernetes engine's settings, read when it is the one chosen: PAAS_KUBECONFIG (else
     * KUBECONFIG, ~/.kube/config or the pod's service account), PAAS_KUBERNETES_NAMESPACES (per-app,
     * the default, or shared), PAAS_KUBERNETES_APPS_NAMESPACE (the shared one), PAAS_KUBERNETES_NAMESPACE
     * (the platform's own, where the routers run), PAAS_KUBERNETES_ROUTER_LABELS (k=v,...: the routers'
     * pods), PAAS_KUBERNETES_CONTROLLER_LABELS (the controller's pods), PAAS_CLUSTER_REGISTRY (the platform registry as nodes reach it) with
     * PAAS_CLUSTER_REGISTRY_USERNAME and _PASSWORD, PAAS_KUBERNETES_START_TIMEOUT (seconds).
     */
    public String setting(String name, String fallback) {
        return env(name, fallback);
    }

    /** The engine network app containers join (infra/platform.sh makes it); null for the engine's default. */
    public String appNetwork() {
        return appNetwork == null || appNetwork.isBlank() ? null : appNetwork;
    }

    /** Whether each app's containers run in a user namespace of the app's own (Podman; off for a Docker engine). */
    public boolean appUserNamespaces() {
        return appUserNamespaces;
    }

    /**
     * Whether what tenants name (an image's registry, a URL) may point at loopback, link-local or
     * this machine's own addresses: off unless the operator turns it on (a registry on the same host).
     */
    public boolean allowPlatformAddresses() {
        return allowPlatformAddresses;
    }

    public static Path home() {
        String home = System.getenv("PAAS_HOME");
        return home != null && !home.isBlank() ? Path.of(home)
                : Path.of(System.getProperty("user.home"), ".paas-platform");
    }

    public Path dataDir() {
        return home;
    }

    public String platformId() {
        return platformId;
    }

    public String domain() {
        return domain;
    }

    public String registry() {
        return registry;
    }

    /** The stack of apps that set none (PAAS_STACK): its images are always on the platform. */
    public String defaultStack() {
        return stack;
    }

    public String dockerHost() {
        return dockerHost;
    }

    /** The secret the builder sends, and the controller sends to the builder. */
    public String builderToken() {
        return builderToken;
    }

    /** The secret the routers send. */
    public String routerToken() {
        return routerToken;
    }

    /** The builder's buildpacks (PAAS_BUILDPACKS_DIR), whose names apps may give; null when not set. */
    public Path buildpacksDir() {
        return buildpacksDir;
    }

    /** Which buildpack URLs tenants may give (PAAS_BUILDPACK_ALLOWED_HOSTS and the platform's ports). */
    public BuildpackUrlPolicy buildpackPolicy() {
        return buildpackPolicy;
    }

    public String routerUrl() {
        return routerUrl;
    }

    public String builderUrl() {
        return builderUrl;
    }

    /** Where the controller reaches the builder's internal API (DELETE /internal/apps/{id}). */
    public String builderInternalUrl() {
        return builderInternalUrl;
    }

    public String appHost(String app) {
        return app + "." + domain;
    }

    /** http://app.localhost:7180 for http://localhost:7180: the router's scheme and port with the app's host. */
    public String appUrl(String app) {
        int schemeEnd = routerUrl.indexOf("://") + 3;
        String rest = routerUrl.substring(schemeEnd);
        int colon = rest.lastIndexOf(':');
        String port = colon >= 0 ? rest.substring(colon) : "";
        return routerUrl.substring(0, schemeEnd) + appHost(app) + port;
    }

    public String gitUrl(String app) {
        return builderUrl + "/" + app + ".git";
    }

    /** ssh://git@HOST:PORT, the base of git's SSH remotes (PAAS_BUILDER_SSH_URL or PAAS_BUILDER_SSH_PORT). */
    public String sshUrl() {
        return sshUrl;
    }

    public String sshGitUrl(String app) {
        return sshUrl + "/" + app + ".git";
    }

    /** "host" of "scheme://host:port/path" (IPv6 literals keep their brackets). */
    private static String host(String url) {
        String rest = url.substring(url.indexOf("://") + 3);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        int colon = authority.lastIndexOf(':');
        return colon > authority.lastIndexOf(']') ? authority.substring(0, colon) : authority;
    }

    /** PAAS_BUILDER_TOKEN or secrets/builder-token (as infra/platform.sh writes them); likewise the router's. */
    /** The service's token: from its variable (on a cluster, from a Secret), else from the file the launcher wrote. */
    private static String serviceToken(Path home, String service, String variable) {
        String token = env(variable, null);
        if (token != null && !token.isBlank()) {
            return token.strip();
        }
        Path file = home.resolve("secrets/" + service + "-token");
        try {
            return Files.exists(file) ? Files.readString(file).strip() : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** From the environment, or the same name as a config property (PAAS_DOMAIN = paas.domain), as tests set them. */
    private static String env(String name, String fallback) {
        String property = name.toLowerCase(java.util.Locale.ROOT).replace('_', '.');
        String value = ConfigProvider.getConfig().getOptionalValue(property, String.class)
                .orElse(System.getenv(name));
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
