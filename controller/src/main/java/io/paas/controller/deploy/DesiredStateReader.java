package io.paas.controller.deploy;

import io.paas.controller.apps.App;
import io.paas.controller.formation.FormationService;
import io.paas.controller.releases.Release;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class DesiredStateReader {
    private final FormationService formations;

    public DesiredStateReader(FormationService formations) {
        this.formations = formations;
    }

    /** Empty when the app is gone. */
    @Transactional
    public Optional<DesiredState> read(String appName) {
        return App.<App>find("name", appName).firstResultOptional().map(app -> {
            Release release = Release.latest(app).orElse(null);
            if (release == null) {
                return new DesiredState(app.name, 0, null, Map.of(), Map.of(), Map.of());
            }
            return new DesiredState(app.name, release.version, release.image, release.config,
                    release.processTypes, formations.quantities(app));
        });
    }
}
