package io.paas.controller.buildpacks;

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

/** One buildpack an app names, at its position (from 1) in the order they run. */
@Entity
@Table(name = "app_buildpacks")
public class AppBuildpack extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @ManyToOne(optional = false)
    @JoinColumn(name = "app_id")
    public App app;
    public int position;
    public String url;

    public static List<AppBuildpack> ofApp(App app) {
        return list("app.id = ?1 order by position", app.id);
    }
}
