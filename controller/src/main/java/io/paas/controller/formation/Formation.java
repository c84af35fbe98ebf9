package io.paas.controller.formation;

import io.paas.controller.apps.App;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

import java.util.List;

/** How many containers of one process type an app should run. */
@Entity
@Table(name = "formations")
public class Formation extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "app_id")
    public App app;
    public String type;
    public int quantity;
    public int generation;

    public static List<Formation> of(App app) {
        return list("app = ?1 order by type", app);
    }
}
