package io.paas.controller.quotas;

import io.paas.client.Api;
import io.paas.controller.apps.App;
import io.paas.controller.formation.Formation;
import io.paas.controller.formation.FormationService;
import io.paas.controller.problems.Problem;
import io.paas.controller.releases.Release;
import io.paas.controller.teams.Team;
import io.paas.controller.users.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Quotas per user and per team, set by admins and checked where usage grows: a new or transferred app, a
 * scale, a memory limit. An app counts against its team when it has one, else against its owner.
 */
@ApplicationScoped
public class QuotaService {
    /** What a process without a memory limit counts for against a memory quota: Heroku's standard dyno. */
    public static final long UNLIMITED_PROCESS_MB = 512;
    private static final int MAX = 1_000_000;

    @Transactional
    public Quota of(User user, Team team) {
        return (user != null ? Quota.<Quota>find("user.id", user.id) : Quota.<Quota>find("team.id", team.id))
                .firstResultOptional().orElse(null);
    }

    @Transactional
    public Quota set(User user, Team team, Api.QuotaChange change) {
        if (change == null) {
            throw Problem.invalid("nothing to set: give apps, processes or memoryMb (null removes a limit)");
        }
        check("apps", change.apps());
        check("processes", change.processes());
        check("memoryMb", change.memoryMb());
        Quota quota = of(user, team);
        if (quota == null) {
            quota = new Quota();
            quota.user = user;
            quota.team = team;
        }
        quota.apps = change.apps();
        quota.processes = change.processes();
        quota.memoryMb = change.memoryMb();
        quota.persist();
        return quota;
    }

    /** Usage counted against the quota of a user (their own apps) or a team. */
    @Transactional
    public Api.Usage usage(User user, Team team) {
        List<App> apps = owned(user, team);
        Map<Long, Map<String, Integer>> none = Map.of();
        return new Api.Usage(apps.size(), processes(apps, none), memoryMb(apps, none));
    }

    /** Before a user or a team gets one more app. */
    @Transactional
    public void checkNewApp(User user, Team team) {
        Quota quota = of(user, team);
        if (quota != null && quota.apps != null && owned(user, team).size() + 1 > quota.apps) {
            throw Problem.forbidden(who(user, team) + " may own " + quota.apps + " apps (quota set by an admin)");
        }
    }

    /** Before an app runs these quantities (types not named keep theirs) with these memory limits. */
    @Transactional
    public void checkFormation(App app, Map<String, Integer> quantities, Map<String, String> limits) {
        User user = app.team == null ? app.owner : null;
        Quota quota = of(user, app.team);
        if (quota == null || (quota.processes == null && quota.memoryMb == null)) {
            return;
        }
        List<App> apps = owned(user, app.team);
        Map<Long, Map<String, Integer>> changed = new HashMap<>();
        changed.put(app.id, quantities);
        Map<Long, Map<String, String>> newLimits = limits == null ? Map.of() : Map.of(app.id, limits);
        long processes = processes(apps, changed);
        if (quota.processes != null && processes > quota.processes) {
            throw Problem.forbidden(who(user, app.team) + " may run " + quota.processes + " processes in all; this would make "
                    + processes + " (quota set by an admin)");
        }
        long memory = memoryMb(apps, changed, newLimits);
        if (quota.memoryMb != null && memory > quota.memoryMb) {
            throw Problem.forbidden(who(user, app.team) + " may use " + quota.memoryMb + " MB of memory in all; this would make "
                    + memory + " MB, a process without a memory limit counting " + UNLIMITED_PROCESS_MB + " MB (quota set by an admin)");
        }
    }

    private static List<App> owned(User user, Team team) {
        return user != null ? App.list("owner.id = ?1 and team is null", user.id) : App.list("team.id", team.id);
    }

    private static long processes(List<App> apps, Map<Long, Map<String, Integer>> changed) {
        long total = 0;
        for (App app : apps) {
            total += quantities(app, changed).values().stream().mapToLong(Integer::longValue).sum();
        }
        return total;
    }

    private static long memoryMb(List<App> apps, Map<Long, Map<String, Integer>> changed) {
        return memoryMb(apps, changed, Map.of());
    }

    private static long memoryMb(List<App> apps, Map<Long, Map<String, Integer>> changed,
                                 Map<Long, Map<String, String>> newLimits) {
        long total = 0;
        for (App app : apps) {
            Map<String, String> limits = newLimits.get(app.id);
            if (limits == null) {
                limits = Release.latestSucceeded(app).map(release -> release.limits).orElse(Map.of());
            }
            for (Map.Entry<String, Integer> entry : quantities(app, changed).entrySet()) {
                String bytes = limits.get(entry.getKey() + ".memory");
                long mb = bytes == null ? UNLIMITED_PROCESS_MB : Long.parseLong(bytes) / (1024 * 1024);
                total += mb * entry.getValue();
            }
        }
        return total;
    }

    private static Map<String, Integer> quantities(App app, Map<Long, Map<String, Integer>> changed) {
        Map<String, Integer> quantities = new HashMap<>(FormationService.quantities(Formation.of(app)));
        quantities.putAll(changed.getOrDefault(app.id, Map.of()));
        return quantities;
    }

    private static void check(String name, Integer value) {
        if (value != null && (value < 0 || value > MAX)) {
            throw Problem.invalid(name + " must be between 0 and " + MAX + ", or null for no limit");
        }
    }

    private static String who(User user, Team team) {
        return user != null ? user.username : "team " + team.name;
    }
}
