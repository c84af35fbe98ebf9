package io.paas.controller.routes;

import io.paas.client.Api;
import io.paas.controller.audit.AuditAction;
import io.paas.controller.audit.AuditTrail;
import io.paas.controller.apps.App;
import io.paas.controller.problems.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Map;

/** Reads and changes an app's router settings: maintenance, TLS enforcement, allowlist, limits, balancing. */
@ApplicationScoped
public class RouterSettingsService {
    private final AuditTrail audit;

    public RouterSettingsService(AuditTrail audit) {
        this.audit = audit;
    }

    @Transactional
    public Api.RouterSettings get(App app) {
        return view(current(app.id));
    }

    @Transactional
    public Api.RouterSettings patch(App app, Map<String, Object> changes) {
        if (changes == null || changes.isEmpty()) {
            throw Problem.invalid("nothing to change: send any of " + String.join(", ", SettingValues.FIELDS));
        }
        RouterSettings settings = current(app.id);
        SettingValues.apply(settings, changes);
        settings.persist();
        audit.record(AuditAction.ROUTER_SET, app.id, app.name, new java.util.TreeMap<>(changes).entrySet().stream()
                .map(change -> change.getKey() + "=" + change.getValue()).collect(java.util.stream.Collectors.joining(" ")));
        return view(settings);
    }

    @Transactional
    public Api.RouterSettings allow(App app, String cidr) {
        RouterSettings settings = current(app.id);
        settings.allowlist(SettingValues.add(settings.allowlist(), cidr));
        settings.persist();
        audit.record(AuditAction.ROUTER_SET, app.id, app.name, "allowlist added " + Cidr.canonical(cidr));
        return view(settings);
    }

    @Transactional
    public Api.RouterSettings disallow(App app, String cidr) {
        String canonical = Cidr.canonical(cidr);
        RouterSettings settings = current(app.id);
        List<String> allowlist = settings.allowlist();
        if (!allowlist.remove(canonical)) {
            throw Problem.notFound(canonical + " is not on " + app.name + "'s allowlist: see paas allowlist");
        }
        settings.allowlist(allowlist);
        settings.persist();
        audit.record(AuditAction.ROUTER_SET, app.id, app.name, "allowlist removed " + canonical);
        return view(settings);
    }

    /** What the router gets for the app: null when every setting is the default. */
    @Transactional
    public Api.RouteSettings forRouter(String app) {
        App found = App.byName(app).orElse(null);
        RouterSettings settings = found == null ? null : RouterSettings.findById(found.id);
        if (settings == null) {
            return null;
        }
        List<String> allowlist = settings.allowlist();
        Api.RouteSettings route = new Api.RouteSettings(settings.maintenance ? Boolean.TRUE : null,
                settings.tlsEnforce ? Boolean.TRUE : null, allowlist.isEmpty() ? null : List.copyOf(allowlist),
                settings.connectTimeoutMs, settings.readTimeoutMs, settings.idleTimeoutMs, settings.maxBodyBytes,
                settings.balancing);
        return route.equals(new Api.RouteSettings(null, null, null, null, null, null, null, null)) ? null : route;
    }

    private static RouterSettings current(Long appId) {
        RouterSettings settings = RouterSettings.findById(appId);
        if (settings == null) {
            settings = new RouterSettings();
            settings.appId = appId;
        }
        return settings;
    }

    private static Api.RouterSettings view(RouterSettings s) {
        return new Api.RouterSettings(s.maintenance, s.tlsEnforce, List.copyOf(s.allowlist()), s.connectTimeoutMs,
                s.readTimeoutMs, s.idleTimeoutMs, s.maxBodyBytes, s.balancing);
    }
}
