package io.paas.controller.teams;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

/** A group of users that owns apps together, as in Heroku Teams: admins manage, members deploy. */
@Entity
@Table(name = "teams")
public class Team extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String name;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    public static Optional<Team> byName(String name) {
        return find("name", name).firstResultOptional();
    }
}
