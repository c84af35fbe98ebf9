package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.controller.apps.App;
import io.paas.controller.platform.PlatformSettings;
import io.paas.controller.releases.Release;
import io.paas.controller.scheduler.RunningProcess;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Entities -> the API's shapes in io.paas.client.Api. */
@ApplicationScoped
public class Views {
    private final PlatformSettings settings;

    public Views(PlatformSettings settings) {
        this.settings = settings;
    }

    public Api.App app(App app) {
        return new Api.App(app.name, app.owner.username, settings.appUrl(app.name), settings.gitUrl(app.name),
                time(app.createdAt));
    }

    public Api.Release release(Release release) {
        return new Api.Release(release.version, release.summary, release.createdBy, release.image,
                release.config, release.processTypes, time(release.createdAt));
    }

    public Api.Process process(RunningProcess process) {
        return new Api.Process(process.type() + "." + process.index(), process.type(), process.release(),
                process.state(), process.endpoint(), time(process.startedAt()));
    }

    private static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
