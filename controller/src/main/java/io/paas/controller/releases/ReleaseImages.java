package io.paas.controller.releases;

import io.paas.controller.builds.ImageName;
import io.paas.controller.platform.PlatformSettings;
import io.paas.controller.scheduler.Scheduler;
import io.paas.engine.RegistryClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which release images the platform keeps: those of each app's newest releases (PAAS_RELEASES_KEPT, 10 by
 * default) and of the release that serves. The others are deleted from the platform's registry (their
 * layers go at the registry's next garbage collection, which the builder runs) and from the engine's store,
 * and their releases are marked, so that a rollback to one is refused with the reason. Images from other
 * registries (`paas deploy:image`) are never touched.
 */
@ApplicationScoped
public class ReleaseImages {
    private static final Logger LOG = Logger.getLogger(ReleaseImages.class);

    private final int kept;
    private final String registry;
    private final Scheduler scheduler;
    private final RegistryClient client;

    public ReleaseImages(PlatformSettings settings, Scheduler scheduler) {
        this.kept = ConfigProvider.getConfig().getOptionalValue("paas.releases.kept", Integer.class).orElse(10);
        if (kept < 1) {
            throw new IllegalStateException("PAAS_RELEASES_KEPT must be 1 or more, not " + kept);
        }
        this.registry = settings.registry();
        this.client = new RegistryClient(registry);
        this.scheduler = scheduler;
    }

    /** How many of each app's newest releases keep their images. */
    public int kept() {
        return kept;
    }

    /**
     * Removes the images no kept release of the app uses; answers how many. Run after a rollout under the
     * app's deploy lock, so that no rollout of the app picks an image while it goes. A registry that cannot
     * be reached leaves everything as it was, for the next rollout to try again.
     */
    public int collect(long appId) {
        if (registry == null || registry.isBlank()) {
            return 0;
        }
        List<String> stale = QuarkusTransaction.requiringNew().call(() -> staleImages(appId));
        int removed = 0;
        for (String image : stale) {
            if (!deleteManifest(image)) {
                continue;
            }
            QuarkusTransaction.requiringNew().run(() ->
                    Release.update("imageCollected = true where app.id = ?1 and image = ?2", appId, image));
            scheduler.removeImage(image);
            removed++;
        }
        if (removed > 0) {
            LOG.infof("removed %d release image(s) of app %d beyond its newest %d releases", removed, appId, kept);
        }
        return removed;
    }

    private List<String> staleImages(long appId) {
        List<Release> newestFirst = Release.list("app.id = ?1 order by version desc", appId);
        Set<String> keep = new HashSet<>();
        for (int i = 0; i < Math.min(kept, newestFirst.size()); i++) {
            keep.add(newestFirst.get(i).image);
        }
        newestFirst.stream().filter(r -> Release.SUCCEEDED.equals(r.status) && r.image != null).findFirst()
                .ifPresent(serving -> keep.add(serving.image));
        Set<String> stale = new LinkedHashSet<>();
        for (Release release : newestFirst) {
            if (release.image != null && !release.imageCollected && !keep.contains(release.image) && ours(release.image)) {
                stale.add(release.image);
            }
        }
        return List.copyOf(stale);
    }

    /** registry/repository@sha256:... in the platform's own registry: what the builder pushes. */
    private boolean ours(String image) {
        ImageName name = ImageName.parse(image);
        return registry.equals(name.registry()) && name.digest() != null;
    }

    /** The registry API's manifest delete; true when the manifest is gone (deleted now or before). */
    private boolean deleteManifest(String image) {
        ImageName name = ImageName.parse(image);
        try {
            client.delete(name.repository(), name.digest());
            return true;
        } catch (IOException e) {
            LOG.warnf("cannot delete %s from the registry: %s", image, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }
}
