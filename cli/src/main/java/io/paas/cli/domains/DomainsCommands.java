package io.paas.cli.domains;

import io.paas.cli.CliContext;
import io.paas.cli.support.AppCommand;
import io.paas.cli.support.AppJsonCommand;
import io.paas.cli.support.CliException;
import io.paas.cli.support.Output;
import io.paas.client.Api;
import io.paas.client.ControllerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Locale;

/** domains, domains:add, domains:remove: an app's custom domains. */
public final class DomainsCommands {
    private DomainsCommands() {
    }

    @Command(name = "domains", mixinStandardHelpOptions = true, description = "List an app's custom domains.")
    public static class ListDomains extends AppJsonCommand {
        ListDomains(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String app = app();
            List<Api.Domain> domains = client().domains(app);
            return printJsonOr(domains, out -> {
                out.heading(app + " Domains");
                if (domains.isEmpty()) {
                    out.line(app + " has no custom domains. Add one with: paas domains:add www.example.com");
                    return;
                }
                out.table(List.of("DOMAIN", "CERTIFICATE", "ADDED"), domains.stream()
                        .map(d -> List.of(d.domain(), d.certificate() == null ? "none" : d.certificate(), Output.time(d.createdAt())))
                        .toList());
            });
        }
    }

    @Command(name = "domains:add", mixinStandardHelpOptions = true,
            description = "Route a domain (or a wildcard like *.example.com) to an app.")
    public static class Add extends DomainChange {
        Add(CliContext ctx) {
            super(ctx);
        }

        @Override
        void change(ControllerClient client, String app, String name, Output out) {
            Api.Domain added = out.action("Adding " + name + " to " + app, () -> client.addDomain(app, name), d -> null);
            if (added.certificate() == null) {
                out.line("Point its DNS at this platform's router; for HTTPS add a certificate with paas certs:add");
            }
        }
    }

    @Command(name = "domains:remove", mixinStandardHelpOptions = true, description = "Stop routing a domain to an app.")
    public static class Remove extends DomainChange {
        Remove(CliContext ctx) {
            super(ctx);
        }

        @Override
        void change(ControllerClient client, String app, String name, Output out) {
            out.action("Removing " + name + " from " + app, () -> client.removeDomain(app, name));
        }
    }

    /** domains:add and domains:remove: one DOMAIN argument, checked before anything is asked of the controller. */
    abstract static class DomainChange extends AppCommand {
        @Parameters(index = "0", paramLabel = "DOMAIN")
        String domain;

        DomainChange(CliContext ctx) {
            super(ctx);
        }

        abstract void change(ControllerClient client, String app, String name, Output out);

        @Override
        public Integer call() {
            String name = checked(domain);
            String app = app();
            change(client(), app, name, out());
            return 0;
        }
    }

    /** Catches what is surely not a domain (a URL, a path) before asking; the controller checks the rest. */
    static String checked(String domain) {
        String name = domain.strip().toLowerCase(Locale.ROOT);
        if (name.contains("://") || name.contains("/") || name.contains(":") || name.contains(" ") || name.isEmpty()) {
            throw CliException.usage("expected a domain like www.example.com (no scheme, port or path), got '" + domain + "'");
        }
        return name;
    }
}
