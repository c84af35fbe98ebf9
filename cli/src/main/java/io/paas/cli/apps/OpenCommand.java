package io.paas.cli.apps;

import io.paas.cli.CliContext;
import io.paas.cli.support.AppCommand;
import io.paas.cli.support.CliException;
import io.paas.cli.support.Executables;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * apps:open (open): the app's web URL in a browser when there is a desktop to show one, else printed,
 * so that a headless shell gets something to copy or curl.
 */
@Command(name = "apps:open", aliases = "open", mixinStandardHelpOptions = true,
        description = "Open the app's web URL in a browser; without a desktop, print it.")
public class OpenCommand extends AppCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "PATH", description = "path to open, e.g. /health (default: /)")
    String path;

    OpenCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        if (path != null && path.chars().anyMatch(c -> c <= ' ')) {
            throw CliException.usage("invalid PATH '" + path + "': no spaces");
        }
        String app = app();
        String base = client().app(app).app().url();
        if (base == null) {
            throw new CliException(app + " has no web URL");
        }
        String url = base.replaceAll("/+$", "") + (path == null ? "" : path.startsWith("/") ? path : "/" + path);
        if (hasDesktop() && launched(url)) {
            ctx.out().println("Opening " + url);
        } else {
            ctx.out().println(url);
        }
        return 0;
    }

    /** A browser can only show up on a desktop session: X11 or Wayland here, always on macOS. */
    private boolean hasDesktop() {
        return isMac() || ctx.env("DISPLAY") != null || ctx.env("WAYLAND_DISPLAY") != null;
    }

    private boolean launched(String url) {
        String opener = Executables.onPath(ctx, isMac() ? "open" : "xdg-open");
        if (opener == null) {
            return false;
        }
        ProcessBuilder builder = new ProcessBuilder(List.of(opener, url))
                .directory(ctx.workDir().toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(ctx.env());
        try {
            Process process = builder.start();
            // xdg-open hands the URL over and returns; one that hangs is left to finish on its own.
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean isMac() {
        return System.getProperty("os.name", "").toLowerCase(java.util.Locale.ROOT).startsWith("mac");
    }
}
