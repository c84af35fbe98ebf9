package io.paas.cli.support;

import io.paas.cli.CliContext;
import io.paas.client.ControllerClient;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;

/**
 * A command about one app (`-a/--app`, `-r/--remote`). Subclasses keep a constructor taking the CliContext, which is how
 * CommandFactory builds them; picocli finds the mixin here because it scans superclass fields too.
 */
public abstract class AppCommand implements Callable<Integer> {
    protected final CliContext ctx;
    @Mixin
    private AppOption appOption;

    protected AppCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    /** The app named by -a, else by the git remote; resolve it before client() so "no app" is reported first. */
    protected String app() {
        return appOption.resolve(ctx);
    }

    /** As app(), for commands that also take the app as their argument (null when not given). */
    protected String app(String argument) {
        return appOption.resolve(ctx, argument);
    }

    /** The app -a names (null without -a): for commands where a git remote must not choose one. */
    protected String appGiven() {
        return appOption.given();
    }

    protected ControllerClient client() {
        return Session.client(ctx);
    }

    protected Output out() {
        return new Output(ctx.out());
    }
}
