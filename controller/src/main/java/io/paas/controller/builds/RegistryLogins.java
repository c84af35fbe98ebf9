package io.paas.controller.builds;

import io.paas.controller.apps.App;
import io.paas.controller.platform.KeyVault;
import io.paas.controller.problems.Problem;
import io.paas.controller.scheduler.RegistryAuth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * `paas registry:login`: per-app credentials for private registries, used when the platform pulls
 * that app's prebuilt images. Stored sealed with the platform key, as certificate keys are.
 */
@ApplicationScoped
public class RegistryLogins {
    private static final Pattern HOST = Pattern.compile("^(?:\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(?::[0-9]{1,5})?$");

    private final KeyVault vault;

    public RegistryLogins(KeyVault vault) {
        this.vault = vault;
    }

    @Transactional
    public RegistryLogin save(App app, String host, String username, String password) {
        String registry = normalize(host);
        if (username == null || username.isBlank() || password == null || password.isEmpty()) {
            throw Problem.invalid("give a username and a password: paas registry:login " + registry
                    + " -u USER --password-stdin");
        }
        App managed = App.findById(app.id);
        RegistryLogin login = find(managed, registry).orElseGet(RegistryLogin::new);
        login.app = managed;
        login.host = registry;
        login.username = username.strip();
        login.sealedPassword = vault.seal(password);
        login.persistAndFlush();
        RegistryLogin.getEntityManager().refresh(login);
        return login;
    }

    @Transactional
    public List<RegistryLogin> list(App app) {
        return RegistryLogin.list("app.id = ?1 order by host", app.id);
    }

    @Transactional
    public void remove(App app, String host) {
        String registry = normalize(host);
        RegistryLogin login = find(App.findById(app.id), registry)
                .orElseThrow(() -> Problem.notFound("no login for " + registry + " on " + app.name + ": see paas registry"));
        login.delete();
    }

    /** The credentials the engine sends when it pulls from registry for this app; null when none are stored. */
    @Transactional
    public RegistryAuth authFor(App app, String registry) {
        return find(App.findById(app.id), registry.toLowerCase(Locale.ROOT))
                .map(this::auth)
                .orElse(null);
    }

    /** As authFor, for the registry an image reference names (null for a reference that names none). */
    @Transactional
    public RegistryAuth authForImage(App app, String image) {
        String registry = registryOf(image);
        return registry == null ? null : authFor(app, registry);
    }

    /**
     * authForImage for every app at once, from one query: app id -> registry host -> credentials.
     * For the reconciler's full pass, which must not cost a query per app.
     */
    @Transactional
    public Map<Long, Map<String, RegistryAuth>> allByApp() {
        Map<Long, Map<String, RegistryAuth>> byApp = new HashMap<>();
        for (RegistryLogin login : RegistryLogin.<RegistryLogin>listAll()) {
            byApp.computeIfAbsent(login.app.id, id -> new HashMap<>()).put(login.host, auth(login));
        }
        return byApp;
    }

    /** The credentials among an app's (from allByApp) for the registry an image reference names; null when none. */
    public static RegistryAuth forImage(Map<String, RegistryAuth> appLogins, String image) {
        String registry = registryOf(image);
        return registry == null ? null : appLogins.get(registry);
    }

    /** The registry host an image reference names, as logins are stored (lowercase); null for no reference. */
    private static String registryOf(String image) {
        try {
            return ImageName.parse(image).registry().toLowerCase(Locale.ROOT);
        } catch (Problem notAReference) {
            return null;
        }
    }

    private RegistryAuth auth(RegistryLogin login) {
        return new RegistryAuth(login.host, login.username, vault.open(login.sealedPassword));
    }

    private static Optional<RegistryLogin> find(App app, String host) {
        return RegistryLogin.<RegistryLogin>find("app = ?1 and host = ?2", app, host).firstResultOptional();
    }

    /** host[:port], lowercase; Docker Hub's names all mean docker.io, as image references do. */
    static String normalize(String host) {
        String h = host == null ? "" : host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("https://") || h.startsWith("http://")) {
            h = h.substring(h.indexOf("://") + 3);
        }
        h = h.endsWith("/") ? h.substring(0, h.length() - 1) : h;
        if (h.equals("index.docker.io") || h.equals("registry-1.docker.io") || h.equals("hub.docker.com")) {
            h = ImageName.DOCKER_HUB;
        }
        if (!HOST.matcher(h).matches()) {
            throw Problem.invalid("'" + host + "' is not a registry host: give HOST or HOST:PORT, e.g. registry.example.com");
        }
        return h;
    }
}
