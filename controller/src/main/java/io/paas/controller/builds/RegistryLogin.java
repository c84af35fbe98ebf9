package io.paas.controller.builds;

import io.paas.controller.apps.App;
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

/** An app's credentials for one private registry; the password is sealed (KeyVault) and never answered. */
@Entity
@Table(name = "registry_logins")
public class RegistryLogin extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "app_id")
    public App app;
    /** The registry as image references name it: host[:port]. */
    public String host;
    public String username;
    @Column(name = "password")
    public String sealedPassword;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
}
