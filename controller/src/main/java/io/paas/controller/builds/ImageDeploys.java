package io.paas.controller.builds;

import io.paas.client.Api;
import io.paas.controller.apps.App;
import io.paas.controller.problems.Problem;
import io.paas.controller.releases.Release;
import io.paas.controller.scheduler.PulledImage;
import io.paas.controller.scheduler.Scheduler;
import io.paas.controller.users.User;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * `paas deploy:image`: a prebuilt image becomes the app's next release, pinned by the digest its
 * registry served, run like a Dockerfile build's (its own ENTRYPOINT/CMD as web, or the --procfile's
 * commands through /bin/sh -c; web's PORT its lowest EXPOSEd TCP port).
 */
@ApplicationScoped
public class ImageDeploys {
    private final ImageReferences references;
    private final RegistryLogins logins;
    private final Scheduler scheduler;
    private final BuildService builds;

    public ImageDeploys(ImageReferences references, RegistryLogins logins, Scheduler scheduler, BuildService builds) {
        this.references = references;
        this.logins = logins;
        this.scheduler = scheduler;
        this.builds = builds;
    }

    /** Checks and pulls the image, then records the release; the caller rolls it out. */
    public Release release(App app, User user, Api.NewImage request) {
        if (request == null || request.image() == null || request.image().isBlank()) {
            throw Problem.invalid("give an image: paas deploy:image REGISTRY/NAME:TAG");
        }
        ImageName image = references.check(user, request.image());
        PulledImage pulled = scheduler.pull(image.toString(), logins.authFor(app, image.registry()));
        Map<String, String> processTypes = new LinkedHashMap<>();
        processTypes.put("web", "");
        if (request.processTypes() != null) {
            processTypes.putAll(request.processTypes());
        }
        Integer port = pulled.exposedTcpPorts().isEmpty() ? null : pulled.exposedTcpPorts().get(0);
        return builds.fromImage(app, pulled.pinned(), processTypes, port, user.username);
    }
}
