package io.paas.controller.apps;

import io.paas.controller.platform.PlatformSettings;
import io.paas.controller.routes.PlatformRoutes;

import io.paas.controller.audit.AuditAction;
import io.paas.controller.audit.AuditTrail;
import io.paas.controller.problems.Problem;
import io.paas.controller.quotas.QuotaService;
import io.paas.controller.teams.Team;
import io.paas.controller.teams.TeamMember;
import io.paas.controller.teams.TeamService;
import io.paas.controller.users.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Apps and who may touch them ({@link Access}): owner or team, collaborators, platform admins. */
@ApplicationScoped
public class AppService {
    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{1,28}[a-z0-9]$");
    private static final String[] ADJECTIVES = {"quiet", "brave", "lucky", "sunny", "swift", "calm", "bold", "merry"};
    private static final String[] NOUNS = {"river", "falcon", "meadow", "harbor", "comet", "forest", "summit", "canyon"};
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TeamService teams;
    private final QuotaService quotas;
    private final AuditTrail audit;

    private final PlatformSettings settings;
    private final PlatformRoutes platformRoutes;

    public AppService(TeamService teams, QuotaService quotas, AuditTrail audit, PlatformSettings settings,
                      PlatformRoutes platformRoutes) {
        this.settings = settings;
        this.platformRoutes = platformRoutes;
        this.audit = audit;
        this.teams = teams;
        this.quotas = quotas;
    }

    /** A new app of the user's, or of a team the user belongs to. */
    @Transactional
    public App create(User owner, String requestedName, String teamName) {
        String name = requestedName == null || requestedName.isBlank() ? randomName() : requestedName.strip();
        if (!NAME.matcher(name).matches()) {
            throw Problem.invalid("invalid app name '" + Problem.shown(name) + "': use 3-30 lowercase letters, digits and dashes, "
                    + "starting with a letter and not ending with a dash");
        }
        Team team = teamName == null || teamName.isBlank() ? null : teams.require(owner, teamName.strip());
        quotas.checkNewApp(team == null ? owner : null, team);
        if (App.byName(name).isPresent()) {
            throw Problem.conflict("app " + name + " already exists: pick another name");
        }
        if (platformRoutes.taken(settings.appHost(name))) {
            throw Problem.conflict("the name " + name + " is taken: " + settings.appHost(name)
                    + " is one of the platform's own hosts (PAAS_API_HOST, PAAS_GIT_HOST); pick another name");
        }
        App app = new App();
        app.uid = UUID.randomUUID().toString();
        app.name = name;
        app.owner = User.findById(owner.id);
        app.team = team;
        app.persistAndFlush();
        App.getEntityManager().refresh(app); // reads created_at, set by the database
        audit.recordAs(owner.username, AuditAction.APP_CREATE, app.id, app.name, team == null ? null : "team " + team.name);
        return app;
    }

    /**
     * The app when the user may deploy it. An app the user may not see at all answers 404, as one that does
     * not exist: names of other users' apps are not told.
     */
    @Transactional
    public App require(User user, String name) {
        return require(user, name, Access.DEPLOY);
    }

    /** The app when the user has the access; 404 when they have none, 403 when they have less. */
    @Transactional
    public App require(User user, String name, Access needed) {
        App app = App.byName(name).orElse(null);
        Access access = app == null ? null : accessOf(user, app);
        if (access == null) {
            throw Problem.notFound("no app named " + name + ": see paas apps");
        }
        if (!access.allows(needed)) {
            throw Problem.forbidden("only " + name + "'s owner, its team's admins or a platform admin may do this");
        }
        return app;
    }

    /** The user's access to the app, or null when they have none. */
    public static Access accessOf(User user, App app) {
        if (user.admin) {
            return Access.MANAGE;
        }
        if (app.team == null && app.owner.id.equals(user.id)) {
            return Access.MANAGE;
        }
        String role = app.team == null ? null : TeamMember.roleOf(app.team, user);
        if (role != null) {
            return TeamMember.ADMIN.equals(role) ? Access.MANAGE : Access.DEPLOY;
        }
        return Collaborator.exists(app, user) ? Access.DEPLOY : null;
    }

    @Transactional
    public App require(String name) {
        return App.byName(name).orElseThrow(() -> Problem.notFound("no app named " + name + ": see paas apps"));
    }

    @Transactional
    public List<App> visibleTo(User user) {
        if (user.admin) {
            return App.list("order by name");
        }
        return App.list("(owner.id = ?1 and team is null)"
                + " or id in (select c.app.id from Collaborator c where c.user.id = ?1)"
                + " or team.id in (select m.team.id from TeamMember m where m.user.id = ?1) order by name", user.id);
    }

    /** The user's own apps (not their teams'). */
    @Transactional
    public List<App> ownedBy(User user) {
        return App.list("owner.id = ?1 and team is null order by name", user.id);
    }

    /** Before a user is deleted: their teams' apps keep no trace of them. */
    @Transactional
    public void forgetOwner(User user) {
        App.update("owner = null where owner.id = ?1 and team is not null", user.id);
    }

    @Transactional
    public List<App> all() {
        return App.listAll();
    }

    /** The id of the app of that name, without loading it. */
    @Transactional
    public Optional<Long> idOf(String name) {
        return App.getEntityManager().createQuery("select a.id from App a where a.name = ?1", Long.class)
                .setParameter(1, name).getResultStream().findFirst();
    }

    /** Every app's name, without loading the apps. */
    @Transactional
    public List<String> names() {
        return App.getEntityManager().createQuery("select a.name from App a", String.class).getResultList();
    }

    @Transactional
    public void delete(String name) {
        App.byName(name).ifPresent(app -> {
            audit.record(AuditAction.APP_DESTROY, app.id, app.name, null);
            app.delete();
        });
    }

    private static String randomName() {
        return ADJECTIVES[RANDOM.nextInt(ADJECTIVES.length)] + "-" + NOUNS[RANDOM.nextInt(NOUNS.length)]
                + "-" + (1000 + RANDOM.nextInt(9000));
    }
}
