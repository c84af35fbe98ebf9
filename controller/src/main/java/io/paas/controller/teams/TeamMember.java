package io.paas.controller.teams;

import io.paas.controller.users.User;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

@Entity
@Table(name = "team_members")
@IdClass(TeamMember.Key.class)
public class TeamMember extends PanacheEntityBase {
    public static final String ADMIN = "admin";
    public static final String MEMBER = "member";

    @Id
    @ManyToOne(optional = false)
    @JoinColumn(name = "team_id")
    public Team team;
    @Id
    @ManyToOne(optional = false)
    @JoinColumn(name = "user_id")
    public User user;
    /** {@link #ADMIN} manages the team and its apps; {@link #MEMBER} deploys and operates its apps. */
    public String role;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    /** The user's membership of the team, if any. */
    public static java.util.Optional<TeamMember> of(Team team, User user) {
        return TeamMember.<TeamMember>find("team.id = ?1 and user.id = ?2", team.id, user.id).firstResultOptional();
    }

    /** The user's role in the team, or null when they are not in it. */
    public static String roleOf(Team team, User user) {
        return of(team, user).map(member -> member.role).orElse(null);
    }

    public static class Key implements Serializable {
        public Long team;
        public Long user;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(team, k.team) && Objects.equals(user, k.user);
        }

        @Override
        public int hashCode() {
            return Objects.hash(team, user);
        }
    }
}
