package io.paas.cli.certs;

import io.paas.cli.CliContext;
import io.paas.cli.support.AppCommand;
import io.paas.cli.support.AppJsonCommand;
import io.paas.cli.support.CliException;
import io.paas.cli.support.Output;
import io.paas.client.Api;
import io.paas.client.ControllerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** certs, certs:add, certs:remove: TLS certificates served for an app's domains. */
public final class CertsCommands {
    private static final long MAX_PEM_BYTES = 1 << 20;

    private CertsCommands() {
    }

    @Command(name = "certs", mixinStandardHelpOptions = true, description = "List an app's TLS certificates.")
    public static class ListCerts extends AppJsonCommand {
        ListCerts(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String app = app();
            List<Api.CertificateInfo> certs = client().certificates(app);
            return printJsonOr(certs, out -> {
                out.heading(app + " Certificates");
                if (certs.isEmpty()) {
                    out.line(app + " has no certificates. Add one with: paas certs:add CERT.pem KEY.pem");
                    return;
                }
                out.table(List.of("NAME", "HOSTS", "SERVED FOR", "EXPIRES"), certs.stream()
                        .map(c -> List.of(c.name(), String.join(", ", c.hosts()),
                                c.domains().isEmpty() ? "-" : String.join(", ", c.domains()), Output.time(c.expiresAt())))
                        .toList());
                certs.forEach(c -> c.warnings().forEach(w -> ctx.err().println("warning: " + c.name() + " " + w)));
            });
        }
    }

    @Command(name = "certs:add", mixinStandardHelpOptions = true,
            description = "Add a TLS certificate (PEM, with its chain) and its private key; it is served for the app's "
                    + "domains it covers.")
    public static class Add extends AppCommand {
        @Parameters(index = "0", paramLabel = "CERT.pem", description = "the certificate, then its intermediates")
        String certFile;

        @Parameters(index = "1", paramLabel = "KEY.pem", description = "the private key, not encrypted")
        String keyFile;

        @Option(names = "--name", paramLabel = "NAME", description = "certificate name (default: from its first host)")
        String name;

        Add(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String certPem = read(ctx, certFile);
            String keyPem = read(ctx, keyFile);
            String app = app();
            ControllerClient client = client();
            Api.CertificateInfo added = out().action("Adding certificate to " + app,
                    () -> client.addCertificate(app, new Api.NewCertificate(name, certPem, keyPem)),
                    c -> c.name() + ", expires " + Output.time(c.expiresAt()));
            ctx.out().println("Hosts:      " + String.join(", ", added.hosts()));
            if (!added.domains().isEmpty()) {
                ctx.out().println("Served for: " + String.join(", ", added.domains()));
            }
            added.warnings().forEach(w -> ctx.err().println("warning: " + w));
            return 0;
        }
    }

    @Command(name = "certs:remove", mixinStandardHelpOptions = true, description = "Remove a TLS certificate.")
    public static class Remove extends AppCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        Remove(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String app = app();
            ControllerClient client = client();
            out().action("Removing certificate " + name + " from " + app,
                    () -> client.removeCertificate(app, name));
            return 0;
        }
    }

    @Command(name = "certs:auto", mixinStandardHelpOptions = true,
            description = "Show whether the app's custom domains get certificates over ACME (Let's Encrypt), and each "
                    + "domain's state.")
    public static class Auto extends AppJsonCommand {
        Auto(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String app = app();
            Api.CertsAuto auto = client().certsAuto(app);
            return printJsonOr(auto, out -> print(ctx, app, auto));
        }
    }

    @Command(name = "certs:auto:enable", mixinStandardHelpOptions = true,
            description = "Get certificates for the app's custom domains over ACME (HTTP-01, answered by the router) and "
                    + "renew them before they expire. The domains' DNS must point at the router, on port 80.")
    public static class AutoEnable extends AppJsonCommand {
        AutoEnable(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String app = app();
            ControllerClient client = client();
            Api.CertsAuto auto = out().action("Enabling automatic certificates for " + app, () -> client.enableCertsAuto(app),
                    a -> "done");
            return printJsonOr(auto, out -> {
                print(ctx, app, auto);
                ctx.out().println("Certificates are requested in the background: see paas certs:auto, and paas logs for the outcome.");
            });
        }
    }

    @Command(name = "certs:auto:disable", mixinStandardHelpOptions = true,
            description = "Stop getting certificates over ACME; the last one stays served until paas certs:remove auto.")
    public static class AutoDisable extends AppCommand {
        AutoDisable(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            String app = app();
            ControllerClient client = client();
            out().action("Disabling automatic certificates for " + app, () -> client.disableCertsAuto(app));
            return 0;
        }
    }

    private static void print(CliContext ctx, String app, Api.CertsAuto auto) {
        ctx.out().println("=== " + app + " Automatic Certificates");
        ctx.out().println("Enabled:   " + (auto.enabled() ? "yes (" + auto.directory() + ")" : "no (paas certs:auto:enable)"));
        if (auto.status() != null) {
            ctx.out().println("Last:      " + auto.status());
        }
        if (auto.domains().isEmpty()) {
            ctx.out().println(app + " has no custom domain: add one with paas domains:add");
            return;
        }
        for (Api.CertsAutoDomain domain : auto.domains()) {
            ctx.out().println(String.format("  %-40s %-8s %s", domain.domain(), domain.state(),
                    domain.expiresAt() != null ? "expires " + Output.time(domain.expiresAt())
                            : domain.reason() != null ? domain.reason() : ""));
        }
    }

    /** A PEM file, relative to the working directory; a clear error when it is missing or not PEM. */
    static String read(CliContext ctx, String file) {
        Path path = ctx.workDir().resolve(file);
        try {
            if (Files.size(path) > MAX_PEM_BYTES) {
                throw new CliException(file + " is too large for a PEM file");
            }
            String text = Files.readString(path, StandardCharsets.UTF_8);
            if (!text.contains("-----BEGIN ")) {
                throw new CliException(file + " is not a PEM file (it has no -----BEGIN line)");
            }
            return text;
        } catch (CharacterCodingException e) {
            throw new CliException(file + " is not a PEM file (binary DER? convert it: openssl x509 -inform der -in "
                    + file + " -out cert.pem)");
        } catch (NoSuchFileException e) {
            throw new CliException("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
