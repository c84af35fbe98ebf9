package io.paas.cli.auth;

import io.paas.cli.CliContext;
import io.paas.cli.support.CliException;
import io.paas.cli.support.ControllerUrl;
import io.paas.cli.support.PasswordOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** URL, username and password of register and login; the password is asked for when not given. */
public class CredentialOptions {
    @Parameters(index = "0", arity = "0..1", paramLabel = "URL",
            description = "controller URL, e.g. http://127.0.0.1:7100 (default: PAAS_CONTROLLER_URL, else the last one used)")
    String url;

    @Option(names = {"-u", "--username"}, required = true, paramLabel = "NAME", description = "user name")
    String username;

    @Mixin
    PasswordOptions password;

    /** The controller URL with a scheme and without a trailing slash: the argument, else PAAS_CONTROLLER_URL, else the last one used. */
    String controllerUrl(CliContext ctx, String saved) {
        String value = url != null ? url : ctx.env(ControllerUrl.ENV) != null ? ctx.env(ControllerUrl.ENV) : saved;
        if (value == null) {
            throw CliException.usage("no controller URL given: paas login URL --username NAME");
        }
        return ControllerUrl.normalize(value);
    }

    String password(CliContext ctx, boolean confirm) {
        return password.read(ctx, confirm);
    }
}
