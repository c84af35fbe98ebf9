package io.paas.cli.support;

import io.paas.cli.CliContext;
import io.paas.client.ControllerClient;

/** The logged-in user's controller client; commands that need a login start here. */
public final class Session {
    public static final String NOT_LOGGED_IN = "not logged in: run paas login URL --username NAME";

    private Session() {
    }

    public static ControllerClient client(CliContext ctx) {
        UserConfig config = new UserConfigStore(ctx).load();
        if (!config.loggedIn()) {
            throw new CliException(NOT_LOGGED_IN);
        }
        return new ControllerClient(config.controller(), config.token());
    }
}
