package io.paas.cli.audit;

import io.paas.cli.CliContext;
import io.paas.cli.support.AppJsonCommand;
import io.paas.cli.support.CliException;
import io.paas.cli.support.Output;
import io.paas.client.Api;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;

/**
 * `paas audit`: who did what, when and from which address. An app's trail (-a APP, or the app of the git
 * remote here); the whole platform's with --all (admins), narrowed to apps of one name with --all -a APP
 * (a destroyed app's too). Never a guess: without --all the app must be named or found.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Show who did what to an app, when and from which address, newest first: app create, destroy "
                + "and transfer, pushes and deploys, config changes (names only, never values), scale, restart, rollback, "
                + "domains, certificates, router settings and permissions.",
                "With --all (admins): the whole platform's, with teams, tokens, registration and failed logins; "
                + "--all -a APP: every app that had that name, destroyed ones too."})
public class AuditCommand extends AppJsonCommand {
    static final int MAX = 1000;

    @Option(names = {"-n", "--num"}, paramLabel = "N", description = "how many of the newest entries (default 100, at most 1000)")
    Integer num;

    @Option(names = "--all", description = "the whole platform's trail (admins only)")
    boolean all;

    AuditCommand(CliContext ctx) {
        super(ctx);
    }

    @Override
    public Integer call() {
        if (num != null && (num < 1 || num > MAX)) {
            throw CliException.usage("-n must be between 1 and " + MAX + ", got " + num);
        }
        String app = all ? appGiven() : app();
        List<Api.AuditEntry> entries = all ? client().platformAudit(app, num) : client().audit(app, num);
        return printJsonOr(entries, out -> print(out, app, entries));
    }

    private void print(Output out, String app, List<Api.AuditEntry> entries) {
        out.heading(all ? (app == null ? "Platform audit" : "Platform audit of apps named " + app) : app + " Audit");
        if (entries.isEmpty()) {
            out.line("No entries");
            return;
        }
        List<String> headers = new ArrayList<>(List.of("WHEN", "WHO", "FROM"));
        if (all) {
            headers.add("APP");
        }
        headers.addAll(List.of("ACTION", "DETAILS"));
        List<List<String>> rows = new ArrayList<>();
        for (Api.AuditEntry entry : entries) {
            List<String> row = new ArrayList<>(List.of(Output.time(entry.time()), text(entry.actor()), text(entry.address())));
            if (all) {
                row.add(text(entry.app()));
            }
            row.addAll(List.of(text(entry.action()), text(entry.details())));
            rows.add(row);
        }
        out.table(headers, rows);
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
