package io.paas.controller.teams;

import io.paas.controller.audit.AuditAction;
import io.paas.controller.audit.AuditTrail;
import io.paas.controller.apps.App;
import io.paas.controller.problems.Problem;
import io.paas.controller.users.User;
import io.paas.controller.users.UserService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.List;

/**
 * Heroku-style teams: whoever creates one is its first admin; admins add and remove members and manage the
 * team's apps, members deploy and operate them. Team names share one namespace with usernames, so that
 * apps:transfer NAME means one thing.
 */
@ApplicationScoped
public class TeamService {
    private final UserService users;
    private final AuditTrail audit;

    public TeamService(UserService users, AuditTrail audit) {
        this.audit = audit;
        this.users = users;
    }

    @Transactional
    public Team create(User creator, String requested) {
        String name = UserService.validName("team", requested);
        if (Team.byName(name).isPresent() || User.byName(name).isPresent()) {
            throw Problem.conflict("the name " + name + " is taken: pick another");
        }
        Team team = new Team();
        team.name = name;
        team.persistAndFlush();
        Team.getEntityManager().refresh(team);
        TeamMember member = new TeamMember();
        member.team = team;
        member.user = User.findById(creator.id);
        member.role = TeamMember.ADMIN;
        member.persist();
        audit.recordAs(creator.username, AuditAction.TEAM_CREATE, null, null, team.name);
        return team;
    }

    /** The teams the user belongs to; every team for a platform admin. */
    @Transactional
    public List<Team> visibleTo(User user) {
        return user.admin ? Team.list("order by name")
                : Team.list("id in (select m.team.id from TeamMember m where m.user.id = ?1) order by name", user.id);
    }

    /** A team the user belongs to (any team for a platform admin); 404 for others, as for apps. */
    @Transactional
    public Team require(User user, String name) {
        Team team = Team.byName(name).orElse(null);
        if (team == null || (!user.admin && TeamMember.roleOf(team, user) == null)) {
            throw Problem.notFound("no team named " + name + ": see paas teams");
        }
        return team;
    }

    /** A team the user may manage: 404 when they are not in it, 403 when they are a plain member. */
    @Transactional
    public Team requireAdmin(User user, String name) {
        Team team = require(user, name);
        if (!user.admin && !TeamMember.ADMIN.equals(TeamMember.roleOf(team, user))) {
            throw Problem.forbidden("only an admin of team " + name + " may do this");
        }
        return team;
    }

    @Transactional
    public List<TeamMember> members(Team team) {
        return TeamMember.list("team.id = ?1 order by user.username", team.id);
    }

    /** Adds a member, or changes a member's role. */
    @Transactional
    public TeamMember put(Team team, String username, String role) {
        String wanted = role == null || role.isBlank() ? TeamMember.MEMBER : role.strip();
        if (!TeamMember.ADMIN.equals(wanted) && !TeamMember.MEMBER.equals(wanted)) {
            throw Problem.invalid("role must be admin or member, not '" + wanted + "'");
        }
        User user = users.require(username);
        TeamMember member = TeamMember.of(team, user).orElse(null);
        if (member == null) {
            member = new TeamMember();
            member.team = Team.findById(team.id);
            member.user = user;
        } else if (TeamMember.ADMIN.equals(member.role) && !TeamMember.ADMIN.equals(wanted)) {
            requireAnotherAdmin(team, user);
        }
        member.role = wanted;
        member.persist();
        audit.record(AuditAction.TEAM_MEMBER_ADD, null, null, team.name + ": " + user.username + " as " + wanted);
        return member;
    }

    /** Removes a member (an admin, or the member themself); the last admin cannot leave. */
    @Transactional
    public void remove(User caller, String teamName, String username) {
        Team team = caller.username.equals(username) ? require(caller, teamName) : requireAdmin(caller, teamName);
        User user = User.byName(username).orElse(null);
        TeamMember member = user == null ? null : TeamMember.of(team, user).orElse(null);
        if (member == null) {
            throw Problem.notFound(username + " is not a member of team " + team.name);
        }
        if (TeamMember.ADMIN.equals(member.role)) {
            requireAnotherAdmin(team, user);
        }
        member.delete();
        audit.recordAs(caller.username, AuditAction.TEAM_MEMBER_REMOVE, null, null, team.name + ": " + username);
    }

    @Transactional
    public void delete(User caller, String name) {
        Team team = requireAdmin(caller, name);
        long apps = App.count("team.id", team.id);
        if (apps > 0) {
            throw Problem.conflict("team " + name + " owns " + apps + " app(s): destroy or transfer them first");
        }
        // The members go first, through this session: requireAdmin loaded the caller's membership, which would
        // otherwise point at a deleted team when the session flushes (a 500 for every team admin).
        TeamMember.<TeamMember>list("team.id", team.id).forEach(TeamMember::delete);
        team.delete();
        audit.recordAs(caller.username, AuditAction.TEAM_DELETE, null, null, name);
    }

    private static void requireAnotherAdmin(Team team, User leaving) {
        if (TeamMember.count("team.id = ?1 and role = ?2 and user.id <> ?3", team.id, TeamMember.ADMIN, leaving.id) == 0) {
            throw Problem.conflict("team " + team.name + " needs another admin first: paas teams:members:add USER --team "
                    + team.name + " --role admin");
        }
    }
}
