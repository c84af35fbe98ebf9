package io.paas.cli.support;

import io.paas.cli.CliContext;
import io.paas.client.ControllerClient;

/** The logged-in user's controller client; commands that need a login start here. */
public final class Session {
    public static final String NOT_LOGGED_IN = "not logged in: run paas login URL --username NAME";

    private Session() {
    }

    /**
     * The client for the saved login; PAAS_CONTROLLER_URL, when set, names the controller every command
     * talks to. The saved token is only ever sent to the controller it came from: another URL asks for a login there.
     */
    public static ControllerClient client(CliContext ctx) {
        UserConfig config = new UserConfigStore(ctx).load();
        String override = ctx.env(ControllerUrl.ENV);
        if (override != null) {
            String url = ControllerUrl.normalize(override);
            if (!config.loggedIn() || !url.equals(ControllerUrl.normalize(config.controller()))) {
                throw new CliException("not logged in to " + url + " (" + ControllerUrl.ENV + "): run paas login "
                        + url + " --username NAME, or unset " + ControllerUrl.ENV);
            }
        }
        if (!config.loggedIn()) {
            throw new CliException(NOT_LOGGED_IN);
        }
        return new ControllerClient(config.controller(), config.token());
    }
}
