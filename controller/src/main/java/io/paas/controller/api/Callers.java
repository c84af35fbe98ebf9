package io.paas.controller.api;

import io.paas.controller.apps.Access;
import io.paas.controller.apps.App;
import io.paas.controller.apps.AppService;
import io.paas.controller.problems.Problem;
import io.paas.controller.users.Service;
import io.paas.controller.users.User;
import io.paas.controller.users.UserService;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who is calling, and what they may act on. One rule for every route: 401 without a valid token, 404 for
 * an app (or team) the caller may not see, as for one that does not exist, 403 when they see it but may
 * not do this.
 */
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

    public User admin(String authorization) {
        User user = users.authenticate(authorization);
        if (!user.admin) {
            throw Problem.forbidden("only a platform admin may do this");
        }
        return user;
    }

    /** An app the caller may deploy and operate. */
    public App appFor(String authorization, String app) {
        return apps.require(users.authenticate(authorization), app, Access.DEPLOY);
    }

    /** An app the caller may destroy, transfer, and choose collaborators for. */
    public App appToManage(String authorization, String app) {
        return apps.require(users.authenticate(authorization), app, Access.MANAGE);
    }

    /** Users who may deploy the app, and the builder (which reads what a build needs). */
    public App appForUserOrBuilder(String authorization, String app) {
        return users.service(authorization).filter(service -> service == Service.BUILDER).isPresent()
                ? apps.require(app) : appFor(authorization, app);
    }

    public void requireBuilder(String authorization) {
        users.requireService(authorization, Service.BUILDER);
    }

    public void requireRouter(String authorization) {
        users.requireService(authorization, Service.ROUTER);
    }

    /**
     * The app when the caller may read its config values (GET config, release views with values):
     * whoever may deploy the app, and the builder, which reads config for builds.
     */
    public App appConfigFor(String authorization, String app) {
        return appForUserOrBuilder(authorization, app);
    }
}
