package io.paas.cli.support;

import io.paas.cli.CliContext;
import picocli.CommandLine.Mixin;

import java.util.function.Consumer;

/** An app command that can also print the API's answer as JSON (`--json`). */
public abstract class AppJsonCommand extends AppCommand {
    @Mixin
    private JsonOption json;

    protected AppJsonCommand(CliContext ctx) {
        super(ctx);
    }

    protected boolean json() {
        return json.enabled();
    }

    /** Prints the value as JSON with --json, else as text for people; exit code 0 either way. */
    protected int printJsonOr(Object value, Consumer<Output> text) {
        Output out = out();
        if (json()) {
            out.json(value);
        } else {
            text.accept(out);
        }
        return 0;
    }
}
