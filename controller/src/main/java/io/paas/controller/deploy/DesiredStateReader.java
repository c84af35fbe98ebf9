package io.paas.controller.deploy;

import io.paas.client.Api;
import io.paas.controller.apps.App;
import io.paas.controller.builds.RegistryLogins;
import io.paas.controller.formation.FormationService;
import io.paas.controller.releases.Release;
import io.paas.controller.releases.ReleaseService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class DesiredStateReader {
    private final FormationService formations;
    private final RegistryLogins logins;

    public DesiredStateReader(FormationService formations, RegistryLogins logins) {
        this.formations = formations;
        this.logins = logins;
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

    private DesiredState state(App app, Release release) {
        if (release == null) {
            return new DesiredState(app.name, 0, Release.SUCCEEDED, null, Map.of(), Map.of(), Map.of(), Map.of(),
                    Map.of(), Map.of(), null, false, null);
        }
        boolean image = release.build != null && Api.NewBuild.IMAGE.equals(release.build.kind);
        return new DesiredState(app.name, release.version, release.status, release.image, release.config,
                release.processTypes, formations.quantities(app), formations.generations(app), release.limits,
                release.healthchecks, ReleaseService.port(release).web(), image,
                // slug images live in the platform registry, which asks for no login
                image && release.image != null ? logins.authForImage(app, release.image) : null);
    }
}
