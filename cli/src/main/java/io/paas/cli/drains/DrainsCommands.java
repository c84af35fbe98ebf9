package io.paas.cli.drains;

import io.paas.cli.CliContext;
import io.paas.cli.support.AppCommand;
import io.paas.cli.support.AppJsonCommand;
import io.paas.cli.support.CliException;
import io.paas.cli.support.Output;
import io.paas.client.Api;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;

/** drains, drains:add, drains:remove: where an app's log lines are also sent, as Heroku's. */
public final class DrainsCommands {
    private DrainsCommands() {
    }

    @Command(name = "drains", mixinStandardHelpOptions = true,
            description = "List an app's log drains, each with its token (sent with every line).")
    public static class ListDrains extends AppJsonCommand {
        ListDrains(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String app = app();
            List<Api.Drain> drains = client().drains(app);
            return printJsonOr(drains, out -> {
                out.heading(app + " Drains");
                if (drains.isEmpty()) {
                    out.line(app + " has no log drains. Add one with: paas drains:add syslog+tls://logs.example.com:6514");
                    return;
                }
                drains.forEach(d -> out.line(d.url() + " (" + d.token() + ")"));
            });
        }
    }

    @Command(name = "drains:add", mixinStandardHelpOptions = true,
            description = {"Send an app's log lines to a drain as well: syslog://HOST:PORT (RFC 5424 over TCP),",
                    "syslog+tls://HOST:PORT (the same over TLS) or https://HOST/PATH (Heroku's logplex batches)."})
    public static class Add extends AppCommand {
        @Parameters(index = "0", paramLabel = "URL")
        String url;

        Add(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String wanted = checked(url);
            String app = app();
            Output out = out();
            Api.Drain added = out.action("Adding drain " + wanted + " to " + app, () -> client().addDrain(app, wanted), d -> null);
            out.line("Its token, sent with every line: " + added.token());
            return 0;
        }
    }

    @Command(name = "drains:remove", mixinStandardHelpOptions = true,
            description = "Stop sending an app's log lines to a drain, named by its URL or its token (d.…).")
    public static class Remove extends AppCommand {
        @Parameters(index = "0", paramLabel = "URL|TOKEN")
        String drain;

        Remove(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String wanted = drain.strip();
            if (wanted.isEmpty()) {
                throw CliException.usage("expected a drain's URL or token (see paas drains)");
            }
            String app = app();
            out().action("Removing drain " + wanted + " from " + app, () -> client().removeDrain(app, wanted));
            return 0;
        }
    }

    /** Catches what is surely not a drain URL before asking; the controller checks the rest. */
    static String checked(String url) {
        String wanted = url.strip();
        if (!wanted.contains("://")) {
            throw CliException.usage("expected a drain URL like syslog+tls://logs.example.com:6514 or "
                    + "https://logs.example.com/drain, got '" + url + "'");
        }
        return wanted;
    }
}
