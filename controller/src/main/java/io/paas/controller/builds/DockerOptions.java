package io.paas.controller.builds;

import io.paas.controller.releases.JsonMapConverter;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.util.Map;

/** An app's Dockerfile build options: build args, and where the Dockerfile is (null: Dockerfile). */
@Entity
@Table(name = "docker_options")
public class DockerOptions extends PanacheEntityBase {
    /** The app's row id: one row per app, made at the first change. */
    @Id
    @Column(name = "app_id")
    public Long appId;
    @Column(name = "build_args")
    @Convert(converter = JsonMapConverter.class)
    public Map<String, String> buildArgs;
    @Column(name = "dockerfile_path")
    public String dockerfilePath;
}
