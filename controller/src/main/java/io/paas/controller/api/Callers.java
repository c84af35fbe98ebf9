package io.paas.controller.api;

import io.paas.controller.apps.App;
import io.paas.controller.apps.AppService;
import io.paas.controller.users.User;
import io.paas.controller.users.UserService;
import jakarta.enterprise.context.ApplicationScoped;

/** Who is calling, and which app they may act on: a user with rights, or the platform's services. */
@ApplicationScoped
public class Callers {
    private final UserService users;
    private final AppService apps;

    public Callers(UserService users, AppService apps) {
        this.users = users;
        this.apps = apps;
    }

    public User user(String authorization) {
        return users.authenticate(authorization);
    }

    public App appFor(String authorization, String app) {
        return apps.require(users.authenticate(authorization), app);
    }

    /** Users with rights, and the builder (which reads config for builds). */
    public App appForUserOrService(String authorization, String app) {
        return users.isService(authorization) ? apps.require(app) : appFor(authorization, app);
    }

    public void requireService(String authorization) {
        users.requireService(authorization);
    }
}
