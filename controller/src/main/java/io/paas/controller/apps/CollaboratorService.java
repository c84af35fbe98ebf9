package io.paas.controller.apps;

import io.paas.controller.audit.AuditAction;
import io.paas.controller.audit.AuditTrail;
import io.paas.controller.problems.Problem;
import io.paas.controller.quotas.QuotaService;
import io.paas.controller.teams.Team;
import io.paas.controller.teams.TeamMember;
import io.paas.controller.users.User;
import io.paas.controller.users.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;

/** Heroku's perms and apps:transfer: who works on an app besides its owner, and who owns it. */
@ApplicationScoped
public class CollaboratorService {
    private final UserService users;
    private final QuotaService quotas;
    private final AuditTrail audit;

    public CollaboratorService(UserService users, QuotaService quotas, AuditTrail audit) {
        this.audit = audit;
        this.users = users;
        this.quotas = quotas;
    }

    @Transactional
    public List<Collaborator> of(App app) {
        return Collaborator.list("app.id = ?1 order by user.username", app.id);
    }

    @Transactional
    public Collaborator add(App app, String username) {
        User user = users.require(username);
        if (AppService.accessOf(user, app) == Access.MANAGE && !user.admin) {
            throw Problem.conflict(username + " already manages " + app.name);
        }
        if (Collaborator.exists(app, user)) {
            throw Problem.conflict(username + " is already a collaborator on " + app.name);
        }
        Collaborator collaborator = new Collaborator();
        collaborator.app = App.findById(app.id);
        collaborator.user = user;
        collaborator.persistAndFlush();
        audit.record(AuditAction.PERMS_ADD, app.id, app.name, username);
        return collaborator;
    }

    @Transactional
    public void remove(App app, String username) {
        User user = User.byName(username).orElse(null);
        long removed = user == null ? 0 : Collaborator.delete("app.id = ?1 and user.id = ?2", app.id, user.id);
        if (removed == 0) {
            throw Problem.notFound(username + " is not a collaborator on " + app.name + ": see paas perms");
        }
        audit.record(AuditAction.PERMS_REMOVE, app.id, app.name, username);
    }

    /**
     * Gives the app to a user or a team. As on Heroku, the owner who gives an app to another user keeps
     * working on it as a collaborator; giving it to a team needs the caller among the team's members.
     */
    @Transactional
    public App transfer(User caller, App app, String recipient) {
        return transfer(caller, app, recipient, true);
    }

    /** keepGiver false: the owner is leaving the platform (users:delete --transfer-to) and keeps nothing. */
    @Transactional
    public App transfer(User caller, App app, String recipient, boolean keepGiver) {
        App managed = App.findById(app.id);
        Team team = Team.byName(recipient).orElse(null);
        if (team != null) {
            if (!caller.admin && TeamMember.roleOf(team, caller) == null) {
                throw Problem.notFound("no user or team named " + recipient);
            }
            if (managed.team != null && managed.team.id.equals(team.id)) {
                throw Problem.conflict(app.name + " already belongs to team " + recipient);
            }
            quotas.checkNewApp(null, team);
            managed.team = team;
            audit.recordAs(caller.username, AuditAction.APP_TRANSFER, app.id, app.name, "to team " + team.name);
            return managed;
        }
        User user = User.<User>byName(recipient).filter(u -> !u.disabled)
                .orElseThrow(() -> Problem.notFound("no user or team named " + recipient));
        if (managed.team == null && managed.owner.id.equals(user.id)) {
            throw Problem.conflict(app.name + " already belongs to " + recipient);
        }
        quotas.checkNewApp(user, null);
        if (keepGiver) {
            keepAsCollaborator(managed);
        }
        managed.owner = user;
        managed.team = null;
        Collaborator.delete("app.id = ?1 and user.id = ?2", managed.id, user.id);
        audit.recordAs(caller.username, AuditAction.APP_TRANSFER, app.id, app.name, "to " + user.username);
        return managed;
    }

    private static void keepAsCollaborator(App app) {
        if (app.team == null && !Collaborator.exists(app, app.owner)) {
            Collaborator previous = new Collaborator();
            previous.app = app;
            previous.user = app.owner;
            previous.persist();
        }
    }
}
