package io.paas.controller.quotas;

import io.paas.controller.teams.Team;
import io.paas.controller.users.User;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;

/** What an admin lets one user's or one team's apps use; a null field is no limit. */
@Entity
@Table(name = "quotas")
public class Quota extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @OneToOne
    @JoinColumn(name = "user_id")
    public User user;
    @OneToOne
    @JoinColumn(name = "team_id")
    public Team team;
    public Integer apps;
    public Integer processes;
    @Column(name = "memory_mb")
    public Integer memoryMb;
}
