package io.paas.controller.apps;

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

/** A user the owner let work on an app (Heroku's collaborator): everything but destroy, transfer and perms. */
@Entity
@Table(name = "collaborators")
@IdClass(Collaborator.Key.class)
public class Collaborator extends PanacheEntityBase {
    @Id
    @ManyToOne(optional = false)
    @JoinColumn(name = "app_id")
    public App app;
    @Id
    @ManyToOne(optional = false)
    @JoinColumn(name = "user_id")
    public User user;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    public static boolean exists(App app, User user) {
        return count("app.id = ?1 and user.id = ?2", app.id, user.id) > 0;
    }

    public static class Key implements Serializable {
        public Long app;
        public Long user;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(app, k.app) && Objects.equals(user, k.user);
        }

        @Override
        public int hashCode() {
            return Objects.hash(app, user);
        }
    }
}
