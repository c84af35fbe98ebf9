package io.paas.controller.apps;

import io.paas.controller.platform.PlatformSettings;
import io.paas.controller.problems.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * What the builder keeps for an app outside the database (git repository, build cache, build
 * scratch and logs, registry repository), all keyed by the app's uid. The builder owns those and
 * may run as its own process, so a destroy asks it over HTTP (DELETE /internal/apps/{uid}).
 */
@ApplicationScoped
public class AppStores {
    private static final Logger LOG = Logger.getLogger(AppStores.class);

    private final PlatformSettings settings;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public AppStores(PlatformSettings settings) {
        this.settings = settings;
    }

    /**
     * Asks the builder to remove the stores of a destroyed app. A builder that cannot be reached
     * leaves them on disk, never reachable (no app gets that uid again): the destroy still succeeds.
     */
    public void remove(String uid) {
        try {
            HttpResponse<String> response = delete("/internal/apps/" + uid);
            if (response.statusCode() != 204 && response.statusCode() != 202) {
                LOG.warnf("builder answered %d removing the stores of app %s: %s", response.statusCode(), uid,
                        response.body().strip());
            }
        } catch (IOException | IllegalArgumentException e) {
            // the app is gone from the database already: its stores wait for the builder's sweep
            LOG.warnf("builder not reached at %s: the stores of destroyed app %s stay on disk until its sweep (%s)",
                    settings.builderInternalUrl(), uid, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Empties the app's build cache on the builder (`paas builds:cache:purge`); its next build starts
     * cold. Refused (409) while a build of the app runs; 503 when the builder cannot be reached.
     */
    public void purgeCache(App app) {
        HttpResponse<String> response;
        try {
            response = delete("/internal/apps/" + app.uid + "/cache");
        } catch (IOException | IllegalArgumentException e) {
            LOG.warnf("builder not reached at %s purging the cache of %s: %s", settings.builderInternalUrl(), app.name,
                    e.toString());
            throw new Problem(Problem.Kind.UNAVAILABLE, "the builder is not answering: try again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Problem(Problem.Kind.UNAVAILABLE, "interrupted: try again");
        }
        if (response.statusCode() == 409) {
            throw Problem.conflict("a build of " + app.name + " is running: purge its cache when it ends");
        }
        if (response.statusCode() != 204) {
            LOG.warnf("builder answered %d purging the cache of %s: %s", response.statusCode(), app.name,
                    response.body().strip());
            throw new Problem(Problem.Kind.UNAVAILABLE, "the builder could not purge the cache: try again");
        }
    }

    private HttpResponse<String> delete(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.builderInternalUrl() + path))
                .header("Authorization", "Bearer " + settings.builderToken())
                .timeout(Duration.ofSeconds(30)).DELETE().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
