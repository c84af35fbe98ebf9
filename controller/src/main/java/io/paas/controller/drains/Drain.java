package io.paas.controller.drains;

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

/** A log drain: where an app's log lines are also sent. The token (d.UUID) names it to users and receivers. */
@Entity
@Table(name = "drains")
public class Drain extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "app_id")
    public App app;
    public String url;
    public String token;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
    @Column(name = "created_by")
    public String createdBy;

    public static List<Drain> ofApp(long appId) {
        return list("app.id = ?1 order by id", appId);
    }

    /** What the forwarder needs, apart from the database. */
    DrainTarget target() {
        return new DrainTarget(id, app.id, DrainUrl.parse(url), token);
    }
}
