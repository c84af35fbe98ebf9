package io.paas.controller.audit;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** One entry of the audit trail; written once, never changed. */
@Entity
@Table(name = "audit_entries")
public class AuditEntry extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "app_id")
    public Long appId;
    @Column(name = "app_name")
    public String appName;
    public String actor;
    public String action;
    public String details;
    public String address;
    @Column(name = "created_at")
    public Instant createdAt;
}
