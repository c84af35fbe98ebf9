package io.paas.controller.certs;

import io.paas.controller.apps.App;
import io.paas.controller.platform.KeyVault;
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
import java.util.Arrays;
import java.util.List;

/** A TLS certificate and its key, uploaded for an app. The key is stored encrypted: see {@link KeyVault}. */
@Entity
@Table(name = "certificates")
public class AppCertificate extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "app_id")
    public App app;
    public String name;
    /** The names the certificate holds, one per line. */
    @Column(name = "hosts")
    public String hostLines;
    @Column(name = "cert_pem")
    public String certPem;
    /** The private key as {@link KeyVault#seal} made it (or clear PEM in rows older than that): not PEM, open it. */
    @Column(name = "key_pem")
    public String sealedKey;
    @Column(name = "expires_at")
    public Instant expiresAt;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;

    public List<String> hosts() {
        return hostLines == null || hostLines.isBlank() ? List.of() : Arrays.asList(hostLines.split("\n"));
    }

    public static List<AppCertificate> ofApp(String app) {
        return list("app.name = ?1 order by name", app);
    }
}
