package io.paas.controller.drains;

import io.paas.controller.apps.App;
import io.paas.controller.platform.PlatformAddresses;
import io.paas.controller.problems.Problem;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.UUID;

/**
 * Adds, lists and removes an app's log drains (at most {@value DrainSettings#PER_APP} an app, and
 * the platform's PAAS_DRAINS_MAX in all), and starts and stops their senders. Which URLs are taken
 * is {@link DrainPolicy}'s.
 */
@ApplicationScoped
public class DrainService {
    private final DrainSettings settings;
    private final DrainPolicy policy;
    private final DrainForwarder forwarder;

    public DrainService(DrainSettings settings, PlatformAddresses addresses, DrainForwarder forwarder) {
        this.settings = settings;
        this.policy = new DrainPolicy(addresses, settings.allowHttp());
        this.forwarder = forwarder;
    }

    @Transactional
    void startSenders(@Observes StartupEvent started) {
        Drain.<Drain>listAll().forEach(drain -> forwarder.start(drain.target()));
    }

    @Transactional
    public Drain add(App app, String requested, String by) {
        DrainUrl url = policy.check(requested);
        String text = url.toString();
        if (Drain.count("app.id = ?1 and url = ?2", app.id, text) > 0) {
            throw Problem.conflict("drain " + Problem.shown(text) + " is already added to " + app.name);
        }
        if (Drain.count("app.id", app.id) >= DrainSettings.PER_APP) {
            throw Problem.conflict(app.name + " has " + DrainSettings.PER_APP
                    + " drains, the most an app may have: remove one first (paas drains:remove)");
        }
        if (Drain.count() >= settings.maxDrains()) {
            throw Problem.conflict("the platform has " + settings.maxDrains()
                    + " drains, the most it runs (PAAS_DRAINS_MAX): ask its operator");
        }
        Drain drain = new Drain();
        drain.app = App.findById(app.id);
        drain.url = text;
        drain.token = "d." + UUID.randomUUID();
        drain.createdBy = by;
        try {
            drain.persistAndFlush();
        } catch (PersistenceException e) {
            throw Problem.conflict("drain " + Problem.shown(text) + " is already added to " + app.name);
        }
        Drain.getEntityManager().refresh(drain); // reads created_at, set by the database
        forwarder.start(drain.target());
        return drain;
    }

    @Transactional
    public List<Drain> of(App app) {
        return Drain.ofApp(app.id);
    }

    /** Removes the drain named by its token (d.UUID) or its URL. */
    @Transactional
    public void remove(App app, String tokenOrUrl) {
        String wanted = tokenOrUrl == null ? "" : tokenOrUrl.strip();
        Drain drain = Drain.ofApp(app.id).stream().filter(d -> d.token.equals(wanted) || d.url.equals(wanted)).findFirst()
                .orElseThrow(() -> Problem.notFound("no drain " + Problem.shown(wanted) + " on " + app.name + ": see paas drains"));
        drain.delete();
        forwarder.stop(app.id, drain.id);
    }
}
