package io.paas.cli.run;

import io.paas.cli.CliContext;
import io.paas.cli.support.AppCommand;
import io.paas.client.Api;
import io.paas.client.ControllerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/**
 * `paas run CMD...`: a one-off process of the app's serving release, with its config, in a
 * container of its own. Its output is printed as it comes and the command ends with the process's
 * exit status. As with Heroku's run, its own options may come anywhere (`paas run rake db:migrate -a APP`);
 * other words, options included, are the command's, and after `--` every word is.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a one-off process of the app's current release, with its config vars, in a container of "
                + "its own (as Heroku's run.N), and exit with its exit status.",
                "In a terminal it gets one (a TTY of your window's size: keys, Ctrl-C and resizes go to it); "
                        + "otherwise, or with --no-tty, its input, output and error output are plain streams "
                        + "(echo 1+1 | paas run bc). Leaving (Ctrl-C without a TTY, a closed connection) stops it.",
                "With --detach it runs in the background, its output in the app's log: paas logs --type run.N; "
                        + "it shows in paas ps and stops with paas ps:stop run.N."})
public class RunCommand extends AppCommand {
    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "the command and its arguments (one shell line)")
    List<String> command;

    @Option(names = "--detach", description = "start it and return at once")
    boolean detach;

    @Option(names = "--no-tty", description = "plain streams, even in a terminal")
    boolean noTty;

    RunCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() throws Exception {
        String app = app();
        ControllerClient client = client();
        String line = String.join(" ", command);
        if (detach) {
            Api.Run run = client.run(app, line);
            ctx.err().println("Running `" + line + "` on " + app + "... up, " + run.process());
            ctx.out().println("Run paas logs --tail --type " + run.process() + " -a " + app + " to follow it, paas ps:stop "
                    + run.process() + " -a " + app + " to stop it.");
            return 0;
        }
        boolean tty = !noTty && ctx.console() != null;
        int[] size = tty ? Terminal.size() : new int[] {0, 0};
        Api.Run run = client.run(app, new Api.NewRun(line, true, tty, size[0], size[1]));
        ctx.err().println("Running `" + line + "` on " + app + "... up, " + run.process());
        ctx.err().flush();
        return new AttachedSession(ctx, client, run, tty).run();
    }
}
