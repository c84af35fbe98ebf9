package io.paas.controller.routes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** An app's router settings; a null column means the router's default. No row = all defaults. */
@Entity
@Table(name = "router_settings")
public class RouterSettings extends PanacheEntityBase {
    @Id
    @Column(name = "app_id")
    public Long appId;
    public boolean maintenance;
    @Column(name = "tls_enforce")
    public boolean tlsEnforce;
    /** CIDRs, one per line; empty = everyone may connect. */
    @Column(name = "allowlist")
    public String allowlistLines = "";
    @Column(name = "connect_timeout_ms")
    public Integer connectTimeoutMs;
    @Column(name = "read_timeout_ms")
    public Integer readTimeoutMs;
    @Column(name = "idle_timeout_ms")
    public Integer idleTimeoutMs;
    @Column(name = "max_body_bytes")
    public Long maxBodyBytes;
    public String balancing;

    public List<String> allowlist() {
        return allowlistLines == null || allowlistLines.isBlank() ? new ArrayList<>()
                : new ArrayList<>(Arrays.asList(allowlistLines.split("\n")));
    }

    public void allowlist(List<String> cidrs) {
        allowlistLines = String.join("\n", cidrs);
    }
}
