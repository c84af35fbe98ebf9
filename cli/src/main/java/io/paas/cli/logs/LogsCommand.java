package io.paas.cli.logs;

import io.paas.cli.CliContext;
import io.paas.cli.support.AppJsonCommand;
import io.paas.cli.support.CliException;
import io.paas.client.Api;
import io.paas.client.ApiException;
import io.paas.client.ControllerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.function.Consumer;

/** `paas logs`: an app's log, Heroku's way (`-n 200 -t --type web --source app`). */
@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {"Show an app's log: its processes' output (app[web.1]), the router's line for each request "
                + "(router) and the platform's (platform: builds, deploys, scaling, crashes), ordered by time.",
                "With --tail, keep following new lines (through new releases and scaling) until Ctrl-C."})
public class LogsCommand extends AppJsonCommand {
    private static final long RECONNECT_MILLIS = 1000;

    @Option(names = {"-n", "--num"}, paramLabel = "N", description = "how many of the last lines to show (default 100, at most 10000)")
    Integer num;

    @Option(names = {"-t", "--tail"}, description = "keep following new lines until Ctrl-C")
    boolean tail;

    @Option(names = {"--type", "-d", "--dyno"}, paramLabel = "TYPE",
            description = "only the lines of one process type (web) or process (web.1)")
    String type;

    @Option(names = {"--source", "-s"}, paramLabel = "SOURCE", description = "only the lines of app, router or platform")
    String source;

    LogsCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() throws Exception {
        if (num != null && (num < 0 || num > 10_000)) {
            throw CliException.usage("-n must be between 0 and 10000, got " + num);
        }
        if (source != null && !source.matches("app|router|platform")) {
            throw CliException.usage("--source must be app, router or platform, got " + source);
        }
        String app = app();
        ControllerClient client = client();
        PrintWriter out = ctx.out();
        Consumer<Api.LogLine> print = line -> {
            out.println(json() ? ControllerClient.JSON.valueToTree(line).toString() : line.line());
            if (tail) {
                out.flush();
            }
        };
        Integer lines = num;
        while (true) {
            try {
                client.logs(app, lines, source, type, tail, print);
            } catch (IOException broken) {
                if (!tail) {
                    throw new CliException("the log stream broke: " + broken.getMessage());
                }
            } catch (ApiException e) {
                if (!tail || e.status() != 0) {
                    throw e;
                }
            }
            if (!tail) {
                return 0;
            }
            // The stream ended (a platform restart): follow on with the new lines.
            ctx.err().println("-- the log stream ended; reconnecting");
            ctx.err().flush();
            Thread.sleep(RECONNECT_MILLIS);
            lines = 0;
        }
    }
}
