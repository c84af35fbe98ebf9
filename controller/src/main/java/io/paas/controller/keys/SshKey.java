package io.paas.controller.keys;

import io.paas.controller.users.User;
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
import java.util.List;
import java.util.Optional;

/** A user's SSH public key for git pushes. A key (its fingerprint) belongs to one user only. */
@Entity
@Table(name = "ssh_keys")
public class SshKey extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "user_id")
    public User user;
    /** SHA256:base64 without padding, as ssh-keygen -l prints it. */
    public String fingerprint;
    /** "ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256"... */
    @Column(name = "key_type")
    public String keyType;
    /** The key as "type base64", without its comment. */
    @Column(name = "public_key")
    public String publicKey;
    public String comment;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    public static Optional<SshKey> byFingerprint(String fingerprint) {
        return find("fingerprint", fingerprint).firstResultOptional();
    }

    public static List<SshKey> of(User user) {
        return list("user = ?1 order by id", user);
    }
}
