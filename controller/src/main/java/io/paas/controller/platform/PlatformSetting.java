package io.paas.controller.platform;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A setting an admin changes at run time; the environment gives its value until then. */
@Entity
@Table(name = "platform_settings")
public class PlatformSetting extends PanacheEntityBase {
    @Id
    public String name;
    public String value;
}
