package io.paas.cli.run;

import io.paas.cli.CliContext;
import io.paas.cli.support.AppCommand;
import io.paas.cli.support.CliException;
import io.paas.client.Api;
import io.paas.client.ControllerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * `paas run CMD...`: a one-off process of the app's serving release, with its config, in a
 * container of its own. Its output is printed as it comes and the command ends with the process's
 * exit status. As with Heroku's run, its own options may come anywhere (`paas run rake db:migrate -a APP`);
 * other words, options included, are the command's, and after `--` every word is.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a one-off process of the app's current release, with its config vars, in a container of "
                + "its own (as Heroku's run.N); prints its output and exits with its exit status.",
                "With --detach it runs in the background: read it with paas logs --type run.N.",
                "Not yet: standard input and an interactive terminal (TTY)."})
public class RunCommand extends AppCommand {
    private static final Pattern STATUS = Pattern.compile("\\(?status (\\d+)\\)?$");

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "the command and its arguments (one shell line)")
    List<String> command;

    @Option(names = "--detach", description = "start it and return at once")
    boolean detach;

    RunCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() throws Exception {
        String app = app();
        ControllerClient client = client();
        String line = String.join(" ", command);
        Api.Run run = client.run(app, line);
        ctx.err().println("Running `" + line + "` on " + app + "... up, " + run.process());
        ctx.err().flush();
        if (detach) {
            ctx.out().println("Run paas logs --tail --type " + run.process() + " -a " + app + " to follow it, paas ps:stop "
                    + run.process() + " -a " + app + " to stop it.");
            return 0;
        }
        int[] status = {-1};
        try {
            client.logs(app, 1000, null, run.process(), true, entry -> {
                if ("app".equals(entry.source())) {
                    ctx.out().println(entry.text());
                    ctx.out().flush();
                } else if ("platform".equals(entry.source()) && entry.text() != null && isEnd(entry.text())) {
                    Matcher m = STATUS.matcher(entry.text());
                    status[0] = m.find() ? Integer.parseInt(m.group(1)) : 1;
                    if (!entry.text().startsWith("Process exited")) {
                        ctx.err().println(entry.text());
                    }
                    throw new Ended();
                }
            });
        } catch (Ended ended) {
            return status[0];
        } catch (IOException e) {
            throw new CliException("lost the process's output: " + e.getMessage()
                    + " (it keeps running: paas logs --tail --type " + run.process() + ")");
        }
        throw new CliException("the log stream ended before " + run.process() + " did: paas logs --type " + run.process());
    }

    private static boolean isEnd(String text) {
        return text.startsWith("Process exited") || text.startsWith("Process timed out")
                || text.startsWith("Process could not run");
    }

    /** Ends following the log once the process ended. */
    private static final class Ended extends RuntimeException {
        Ended() {
            super(null, null, false, false);
        }
    }
}
