package io.paas.controller.apps;

import io.paas.controller.problems.Problem;
import io.paas.controller.users.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Apps and who may touch them: the owner, or an admin. */
@ApplicationScoped
public class AppService {
    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{1,28}[a-z0-9]$");
    private static final String[] ADJECTIVES = {"quiet", "brave", "lucky", "sunny", "swift", "calm", "bold", "merry"};
    private static final String[] NOUNS = {"river", "falcon", "meadow", "harbor", "comet", "forest", "summit", "canyon"};
    private static final SecureRandom RANDOM = new SecureRandom();

    @Transactional
    public App create(User owner, String requestedName) {
        String name = requestedName == null || requestedName.isBlank() ? randomName() : requestedName.strip();
        if (!NAME.matcher(name).matches()) {
            throw Problem.invalid("invalid app name '" + name + "': use 3-30 lowercase letters, digits and dashes, "
                    + "starting with a letter and not ending with a dash");
        }
        if (App.byName(name).isPresent()) {
            throw Problem.conflict("app " + name + " already exists: pick another name");
        }
        App app = new App();
        app.uid = UUID.randomUUID().toString();
        app.name = name;
        app.owner = User.findById(owner.id);
        app.persistAndFlush();
        App.getEntityManager().refresh(app); // reads created_at, set by the database
        return app;
    }

    /** The app when the user may manage it; 404 when there is none, 403 when it is someone else's. */
    @Transactional
    public App require(User user, String name) {
        App app = App.byName(name).orElseThrow(() -> Problem.notFound("no app named " + name + ": see paas apps"));
        if (!mayDeploy(user, app)) {
            throw Problem.forbidden("app " + name + " belongs to another user");
        }
        return app;
    }

    /** Who may manage and deploy an app (and so reach its images): its owner and admins. */
    public static boolean mayDeploy(User user, App app) {
        return user.admin || app.owner.id.equals(user.id);
    }

    @Transactional
    public App require(String name) {
        return App.byName(name).orElseThrow(() -> Problem.notFound("no app named " + name + ": see paas apps"));
    }

    @Transactional
    public List<App> visibleTo(User user) {
        return user.admin ? App.list("order by name") : App.list("owner.id = ?1 order by name", user.id);
    }

    @Transactional
    public List<App> all() {
        return App.listAll();
    }

    /** Every app's name, without loading the apps. */
    @Transactional
    public List<String> names() {
        return App.getEntityManager().createQuery("select a.name from App a", String.class).getResultList();
    }

    @Transactional
    public void delete(String name) {
        App.byName(name).ifPresent(App::delete);
    }

    private static String randomName() {
        return ADJECTIVES[RANDOM.nextInt(ADJECTIVES.length)] + "-" + NOUNS[RANDOM.nextInt(NOUNS.length)]
                + "-" + (1000 + RANDOM.nextInt(9000));
    }
}
