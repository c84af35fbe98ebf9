package io.paas.controller.routes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** The last route generation a router acknowledged, and when. */
@Entity
@Table(name = "routers")
public class RouterRecord extends PanacheEntityBase {
    @Id
    public String id;
    public long generation;
    @Column(name = "seen_at")
    public Instant seenAt;
}
