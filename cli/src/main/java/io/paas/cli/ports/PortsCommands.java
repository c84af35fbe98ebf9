package io.paas.cli.ports;

import io.paas.cli.CliContext;
import io.paas.cli.releases.DeployFailure;
import io.paas.cli.support.AppCommand;
import io.paas.cli.support.AppJsonCommand;
import io.paas.cli.support.CliException;
import io.paas.client.Api;
import io.paas.client.ControllerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ports, ports:set, ports:clear (Dokku's names): the port web listens on, its $PORT and where the
 * router sends its traffic. The router owns the outside ports (http 80, https 443), so only the
 * container port is the app's to choose.
 */
public final class PortsCommands {
    private static final Pattern DOKKU_FORM = Pattern.compile("^(https?):(\\d+):(\\d+)$");

    private PortsCommands() {
    }

    @Command(name = "ports", mixinStandardHelpOptions = true,
            description = "Show the port web listens on ($PORT, where the router sends its traffic) and where it comes from.")
    public static class Show extends AppJsonCommand {
        Show(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String app = app();
            Api.Ports ports = client().ports(app);
            return printJsonOr(ports, out -> {
                out.heading(app + " Ports");
                out.line("http:80:" + ports.web() + "  (" + switch (ports.source()) {
                    case "ports:set" -> "set with paas ports:set; paas ports:clear goes back to the image's";
                    case "EXPOSE" -> "the lowest TCP port the image EXPOSEs";
                    default -> "the platform's default: the app listens on $PORT";
                } + ")");
            });
        }
    }

    @Command(name = "ports:set", mixinStandardHelpOptions = true,
            description = {"Set the port web listens on: its $PORT, and where the router sends its traffic; makes a new release.",
                "Examples: paas ports:set 8080, or Dokku's form paas ports:set http:80:8080."})
    public static class Set extends AppCommand {
        @Parameters(index = "0", paramLabel = "PORT|http:80:PORT", description = "the container port, e.g. 8080 or http:80:8080")
        String mapping;

        Set(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            int port = containerPort(mapping);
            String app = app();
            ControllerClient client = client();
            out().action("Setting web's port of " + app + " to " + port,
                    () -> DeployFailure.guardRelease(() -> client.setPort(app, port)), DeployFailure::made);
            return 0;
        }
    }

    @Command(name = "ports:clear", mixinStandardHelpOptions = true,
            description = "Go back to the image's lowest EXPOSEd TCP port (or the default, 5000); makes a new release.")
    public static class Clear extends AppCommand {
        Clear(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String app = app();
            ControllerClient client = client();
            out().action("Clearing web's port of " + app,
                    () -> DeployFailure.guardRelease(() -> client.clearPort(app)), DeployFailure::made);
            return 0;
        }
    }

    /** 8080, or http:80:8080 / https:443:8080; the outside port is the router's and cannot be another. */
    static int containerPort(String mapping) {
        String value = mapping.strip();
        Matcher dokku = DOKKU_FORM.matcher(value);
        if (dokku.matches()) {
            String expected = dokku.group(1).equals("http") ? "80" : "443";
            if (!dokku.group(2).equals(expected)) {
                throw CliException.usage("the router owns the outside ports (http 80, https 443): give "
                        + dokku.group(1) + ":" + expected + ":" + dokku.group(3) + ", or only the container port");
            }
            value = dokku.group(3);
        }
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // the usage error below
        }
        throw CliException.usage("expected a port from 1 to 65535 (e.g. 8080) or http:80:PORT, got '" + mapping + "'");
    }
}
