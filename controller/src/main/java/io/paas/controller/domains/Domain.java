package io.paas.controller.domains;

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
import java.util.List;
import java.util.Optional;

/** A custom domain routed to one app. */
@Entity
@Table(name = "domains")
public class Domain extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "app_id")
    public App app;
    public String hostname;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    public static Optional<Domain> byHostname(String hostname) {
        return find("hostname", hostname).firstResultOptional();
    }

    public static List<Domain> ofApp(String app) {
        return list("app.name = ?1 order by hostname", app);
    }
}
