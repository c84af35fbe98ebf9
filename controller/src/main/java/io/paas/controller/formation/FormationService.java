package io.paas.controller.formation;

import io.paas.controller.audit.AuditAction;
import io.paas.controller.audit.AuditTrail;
import io.paas.controller.apps.App;
import io.paas.controller.problems.Problem;
import io.paas.controller.logs.AppLogs;
import io.paas.controller.quotas.QuotaService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The desired number of containers per process type. */
@ApplicationScoped
public class FormationService {
    private static final int MAX_PER_TYPE = 50;
    private final QuotaService quotas;
    private final AppLogs logs;
    private final AuditTrail audit;

    public FormationService(QuotaService quotas, AppLogs logs, AuditTrail audit) {
        this.audit = audit;
        this.quotas = quotas;
        this.logs = logs;
    }

    @Transactional
    public Map<String, Integer> quantities(App app) {
        return quantities(Formation.of(App.findById(app.id)));
    }

    /** type -> quantity of an app's formations. */
    public static Map<String, Integer> quantities(List<Formation> formations) {
        Map<String, Integer> quantities = new TreeMap<>();
        for (Formation formation : formations) {
            quantities.put(formation.type, formation.quantity);
        }
        return quantities;
    }

    /** Validates all requested types against the release's process types before changing any. */
    @Transactional
    public Map<String, Integer> scale(App app, Set<String> processTypes, Map<String, Integer> requested) {
        if (requested == null || requested.isEmpty()) {
            throw Problem.invalid("nothing to scale: use paas scale web=2");
        }
        for (Map.Entry<String, Integer> entry : requested.entrySet()) {
            if ("release".equals(entry.getKey())) {
                throw Problem.unprocessable("the release process runs once per release, before it goes live: it cannot be scaled");
            }
            if (!processTypes.contains(entry.getKey())) {
                throw Problem.unprocessable("no process type '" + entry.getKey() + "' in " + app.name
                        + (processTypes.isEmpty() ? ": push code first" : "; it has: " + String.join(", ", processTypes)));
            }
            Integer quantity = entry.getValue();
            if (quantity == null || quantity < 0 || quantity > MAX_PER_TYPE) {
                throw Problem.invalid("quantity for " + entry.getKey() + " must be between 0 and " + MAX_PER_TYPE);
            }
        }
        App managed = App.findById(app.id);
        quotas.checkFormation(managed, requested, null);
        requested.forEach((type, quantity) -> set(managed, type, quantity));
        String scaled = requested.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(java.util.stream.Collectors.joining(" "));
        logs.platform(app.id, null, "Scaled to " + scaled);
        audit.record(AuditAction.SCALE, app.id, app.name, scaled);
        return quantities(managed);
    }

    /**
     * A new release may bring process types: web starts at 1 and others at 0, as on Heroku. On the
     * app's first build (no formation yet) the app.json's formation, checked against the build's
     * process types, sets them instead; later builds keep what users scaled.
     */
    @Transactional
    public void addDefaults(App app, Set<String> processTypes, Map<String, Integer> first) {
        for (Map.Entry<String, Integer> entry : first.entrySet()) {
            if (!processTypes.contains(entry.getKey()) || "release".equals(entry.getKey())) {
                throw Problem.unprocessable("app.json formation names '" + entry.getKey() + "', not a process type "
                        + "this build runs" + (processTypes.isEmpty() ? "" : " (it has: " + String.join(", ",
                        processTypes.stream().filter(t -> !"release".equals(t)).sorted().toList()) + ")"));
            }
            Integer quantity = entry.getValue();
            if (quantity == null || quantity < 0 || quantity > MAX_PER_TYPE) {
                throw Problem.invalid("app.json formation: quantity for " + entry.getKey() + " must be between 0 and "
                        + MAX_PER_TYPE);
            }
        }
        App managed = App.findById(app.id);
        Map<String, Integer> existing = quantities(managed);
        boolean firstBuild = existing.isEmpty();
        for (String type : processTypes) {
            if (!existing.containsKey(type) && !"release".equals(type)) {
                int fallback = type.equals("web") ? 1 : 0;
                set(managed, type, firstBuild ? first.getOrDefault(type, fallback) : fallback);
            }
        }
    }

    @Transactional
    public Map<String, Integer> generations(App app) {
        return generations(Formation.of(App.findById(app.id)));
    }

    /** type -> generation (bumped by restarts) of an app's formations. */
    public static Map<String, Integer> generations(List<Formation> formations) {
        Map<String, Integer> generations = new TreeMap<>();
        for (Formation formation : formations) {
            generations.put(formation.type, formation.generation);
        }
        return generations;
    }

    /** Asks for fresh containers of one type (null: every type) on the next deploy. */
    @Transactional
    public void restart(App app, String type) {
        List<Formation> formations = Formation.of(App.findById(app.id));
        if (type != null && formations.stream().noneMatch(f -> f.type.equals(type))) {
            throw Problem.unprocessable("no process type '" + type + "' in " + app.name);
        }
        for (Formation formation : formations) {
            if (type == null || formation.type.equals(type)) {
                formation.generation++;
            }
        }
        logs.platform(app.id, null, type == null ? "Restarting every process" : "Restarting the " + type + " processes");
        audit.record(AuditAction.RESTART, app.id, app.name, type == null ? "all" : type);
    }

    private static void set(App app, String type, int quantity) {
        Formation formation = Formation.find("app = ?1 and type = ?2", app, type).firstResult();
        if (formation == null) {
            formation = new Formation();
            formation.app = app;
            formation.type = type;
        }
        formation.quantity = quantity;
        formation.persist();
    }
}
