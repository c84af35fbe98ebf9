package io.paas.controller.apps;

import io.paas.controller.teams.Team;
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
import java.util.Optional;

@Entity
@Table(name = "apps")
public class App extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    /** The app's identity outside the database (stores, registry, builds); never reused, unlike the name. */
    public String uid;
    public String name;
    /** The stack its builds run on (`paas stack:set`); null: the platform's default. */
    public String stack;
    /** Who owns a personal app; for a team's app, who created or gave it (null once that user is deleted). */
    @ManyToOne
    @JoinColumn(name = "owner_id")
    public User owner;
    /** When set, the team's members decide who may work on the app (its owner stays for the record). */
    @ManyToOne
    @JoinColumn(name = "team_id")
    public Team team;
    @Column(name = "created_at", insertable = false, updatable = false)
    public Instant createdAt;
    /** paas certs:auto: its custom domains get certificates over ACME (AutoCertificates). */
    @Column(name = "certs_auto")
    public boolean certsAuto;
    /** The last automatic certificate attempt's outcome, one line; null before the first. */
    @Column(name = "certs_auto_status")
    public String certsAutoStatus;

    public static Optional<App> byName(String name) {
        return find("name", name).firstResultOptional();
    }
}
