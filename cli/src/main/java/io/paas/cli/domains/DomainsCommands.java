package io.paas.cli.domains;

import io.paas.cli.CliContext;
import io.paas.cli.support.AppOption;
import io.paas.cli.support.CliException;
import io.paas.cli.support.JsonOption;
import io.paas.cli.support.Output;
import io.paas.cli.support.Session;
import io.paas.client.Api;
import io.paas.client.ControllerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** domains, domains:add, domains:remove: an app's custom domains. */
public final class DomainsCommands {
    private DomainsCommands() {
    }

    @Command(name = "domains", mixinStandardHelpOptions = true, description = "List an app's custom domains.")
    public static class ListDomains implements Callable<Integer> {
        private final CliContext ctx;
        @Mixin
        AppOption appOption;
        @Mixin
        JsonOption json;

        ListDomains(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            String app = appOption.resolve(ctx);
            List<Api.Domain> domains = Session.client(ctx).domains(app);
            Output out = new Output(ctx.out());
            if (json.enabled()) {
                out.json(domains);
                return 0;
            }
            out.heading(app + " Domains");
            if (domains.isEmpty()) {
                out.line(app + " has no custom domains. Add one with: paas domains:add www.example.com");
                return 0;
            }
            out.table(List.of("DOMAIN", "CERTIFICATE", "ADDED"), domains.stream()
                    .map(d -> List.of(d.domain(), d.certificate() == null ? "none" : d.certificate(), Output.time(d.createdAt())))
                    .toList());
            return 0;
        }
    }

    @Command(name = "domains:add", mixinStandardHelpOptions = true,
            description = "Route a domain (or a wildcard like *.example.com) to an app.")
    public static class Add implements Callable<Integer> {
        private final CliContext ctx;
        @Mixin
        AppOption appOption;

        @Parameters(index = "0", paramLabel = "DOMAIN")
        String domain;

        Add(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            String name = checked(domain);
            String app = appOption.resolve(ctx);
            ControllerClient client = Session.client(ctx);
            Api.Domain added = new Output(ctx.out()).action("Adding " + name + " to " + app,
                    () -> client.addDomain(app, name), d -> null);
            if (added.certificate() == null) {
                ctx.out().println("Point its DNS at this platform's router; for HTTPS add a certificate with paas certs:add");
            }
            return 0;
        }
    }

    @Command(name = "domains:remove", mixinStandardHelpOptions = true, description = "Stop routing a domain to an app.")
    public static class Remove implements Callable<Integer> {
        private final CliContext ctx;
        @Mixin
        AppOption appOption;

        @Parameters(index = "0", paramLabel = "DOMAIN")
        String domain;

        Remove(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            String name = checked(domain);
            String app = appOption.resolve(ctx);
            ControllerClient client = Session.client(ctx);
            new Output(ctx.out()).action("Removing " + name + " from " + app, () -> client.removeDomain(app, name));
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
