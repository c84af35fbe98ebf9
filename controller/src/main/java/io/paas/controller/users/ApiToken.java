package io.paas.controller.users;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.time.Instant;

/** Only the SHA-256 of a token is stored: the token itself is shown once, at login or by auth:token. */
@Entity
@Table(name = "api_tokens")
public class ApiToken extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "user_id")
    public User user;
    @Column(name = "token_hash")
    public String tokenHash;
    /** "login" for a session token, or what the user wrote at auth:token. */
    public String description;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "last_used_at")
    public Instant lastUsedAt;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
}
