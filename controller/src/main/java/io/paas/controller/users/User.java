package io.paas.controller.users;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.Optional;

@Entity
@Table(name = "users")
public class User extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String username;
    @Column(name = "password_hash")
    public String passwordHash;
    public boolean admin;
    /** A disabled user's tokens and keys stop working at once; their apps keep running. */
    public boolean disabled;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    public static Optional<User> byName(String username) {
        return find("username", username).firstResultOptional();
    }
}
