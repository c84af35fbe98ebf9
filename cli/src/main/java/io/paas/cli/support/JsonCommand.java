package io.paas.cli.support;

import io.paas.cli.CliContext;
import io.paas.client.ControllerClient;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/** A command about the logged-in user's account, teams or the platform (no app), with `--json`. */
public abstract class JsonCommand implements Callable<Integer> {
    protected final CliContext ctx;
    @Mixin
    private JsonOption json;

    protected JsonCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    protected ControllerClient client() {
        return Session.client(ctx);
    }

    protected Output out() {
        return new Output(ctx.out());
    }

    protected boolean json() {
        return json.enabled();
    }

    /** Prints the value as JSON with --json, else as text for people; exit code 0 either way. */
    protected int printJsonOr(Object value, Consumer<Output> text) {
        if (json()) {
            out().json(value);
        } else {
            text.accept(out());
        }
        return 0;
    }
}
