package io.paas.controller.builds;

import io.paas.controller.apps.App;
import io.paas.controller.apps.AppService;
import io.paas.controller.platform.PlatformAddresses;
import io.paas.controller.platform.PlatformSettings;
import io.paas.controller.problems.Problem;
import io.paas.controller.users.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * What image a tenant may name (a Dockerfile's FROM or COPY --from, `paas deploy:image`). The
 * platform registry has no access control of its own: there, a user reaches only the images of apps
 * they may deploy (its repositories are app ids) and the platform's stack images (paas/...).
 * Anywhere else, the registry must not be one of the platform's own addresses
 * ({@link PlatformAddresses}).
 */
@ApplicationScoped
public class ImageReferences {
    /** Repositories under this prefix are the platform's stack images, which every build may use. */
    private static final String PLATFORM_IMAGES = "paas/";

    private final PlatformSettings settings;
    private final PlatformAddresses addresses;

    public ImageReferences(PlatformSettings settings, PlatformAddresses addresses) {
        this.settings = settings;
        this.addresses = addresses;
    }

    /** The reference, parsed, when user may use it; 400 when it is no reference, 403 when it is out of reach. */
    @Transactional
    public ImageName check(User user, String reference) {
        ImageName image = ImageName.parse(reference);
        if (isPlatformRegistry(image)) {
            if (image.repository().startsWith(PLATFORM_IMAGES) || deployableBy(user, image.repository())) {
                return image;
            }
            // the same answer whether that app exists or not: ids are not for probing
            throw Problem.forbidden("image " + reference + " is in the platform registry under an app you cannot "
                    + "deploy: builds and deploys may use only the images of apps you own (see paas apps)");
        }
        addresses.requireOutside(image.host(), "image " + reference);
        return image;
    }

    /** The platform registry by its configured name, or by any other name of this machine on its port. */
    private boolean isPlatformRegistry(ImageName image) {
        ImageName platform = ImageName.parse(settings.registry() + "/x");
        if (image.registry().equalsIgnoreCase(platform.registry())) {
            return true;
        }
        return image.port() == platform.port() && PlatformAddresses.isPlatformAddress(image.host());
    }

    private static boolean deployableBy(User user, String repository) {
        return App.<App>find("uid", repository).firstResultOptional()
                .map(app -> AppService.accessOf(user, app) != null)
                .orElse(false);
    }
}
