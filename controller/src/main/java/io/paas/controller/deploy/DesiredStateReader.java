package io.paas.controller.deploy;

import io.paas.client.Api;
import io.paas.controller.apps.App;
import io.paas.controller.builds.RegistryLogins;
import io.paas.controller.formation.Formation;
import io.paas.controller.formation.FormationService;
import io.paas.controller.releases.Release;
import io.paas.controller.releases.ReleaseService;
import io.paas.controller.scheduler.RegistryAuth;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

@ApplicationScoped
public class DesiredStateReader {
    private final RegistryLogins logins;
    private final ReleaseService releases;

    public DesiredStateReader(RegistryLogins logins, ReleaseService releases) {
        this.logins = logins;
        this.releases = releases;
    }

    /** The newest release, to roll out. Empty when the app is gone. */
    @Transactional
    public Optional<DesiredState> latest(String appName) {
        return App.<App>find("name", appName).firstResultOptional()
                .map(app -> state(app, Release.latest(app).orElse(null)));
    }

    /** The newest release that served, to converge to after crashes and restarts. */
    @Transactional
    public Optional<DesiredState> serving(String appName) {
        return App.<App>find("name", appName).firstResultOptional()
                .map(app -> state(app, Release.latestSucceeded(app).orElse(null)));
    }

    /**
     * What serving(app) answers, for every app at once, in a fixed number of queries (apps, their
     * newest serving releases, formations, registry logins), however many apps there are.
     */
    @Transactional
    public Map<String, DesiredState> allServing() {
        List<App> all = App.listAll();
        Map<Long, Release> servingByApp = new HashMap<>();
        for (Release release : Release.<Release>list("from Release r join fetch r.app left join fetch r.build "
                + "where r.status = ?1 and r.version = (select max(n.version) from Release n "
                + "where n.app = r.app and n.status = ?1)", Release.SUCCEEDED)) {
            servingByApp.put(release.app.id, release);
        }
        Map<Long, List<Formation>> formationsByApp = new HashMap<>();
        for (Formation formation : Formation.<Formation>listAll()) {
            formationsByApp.computeIfAbsent(formation.app.id, id -> new ArrayList<>()).add(formation);
        }
        Map<Long, Map<String, RegistryAuth>> auths = logins.allByApp();
        Map<String, DesiredState> states = new HashMap<>();
        for (App app : all) {
            List<Formation> formations = formationsByApp.getOrDefault(app.id, List.of());
            states.put(app.name, state(app, servingByApp.get(app.id), FormationService.quantities(formations),
                    FormationService.generations(formations),
                    image -> RegistryLogins.forImage(auths.getOrDefault(app.id, Map.of()), image)));
        }
        return states;
    }

    private DesiredState state(App app, Release release) {
        List<Formation> of = release == null ? List.of() : Formation.of(app);
        return state(app, release, FormationService.quantities(of), FormationService.generations(of),
                image -> logins.authForImage(app, image));
    }

    /** The config's values are opened here, and only here: they go into the containers' environment. */
    private DesiredState state(App app, Release release, Map<String, Integer> quantities,
                               Map<String, Integer> generations, Function<String, RegistryAuth> auth) {
        if (release == null) {
            return new DesiredState(app.name, 0, Release.SUCCEEDED, null, Map.of(), Map.of(), Map.of(), Map.of(),
                    Map.of(), Map.of(), null, false, null, app.id);
        }
        boolean image = release.build != null && Api.NewBuild.IMAGE.equals(release.build.kind);
        return new DesiredState(app.name, release.version, release.status, release.image, releases.config(release),
                release.processTypes, quantities, generations, release.limits,
                release.healthchecks, ReleaseService.port(release).web(), image,
                // slug images live in the platform registry, which asks for no login
                image && release.image != null ? auth.apply(release.image) : null, app.id);
    }
}
