package io.paas.cli.keys;

import io.paas.cli.CliContext;
import io.paas.cli.support.JsonCommand;
import io.paas.cli.support.Output;
import io.paas.cli.support.Session;
import io.paas.client.Api;
import io.paas.client.ControllerClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.concurrent.Callable;

/** keys, keys:add, keys:remove: the user's SSH public keys for git pushes over SSH. */
public final class KeysCommands {
    private KeysCommands() {
    }

    @Command(name = "keys", mixinStandardHelpOptions = true, description = "List your SSH keys (for git push over SSH).")
    public static class ListKeys extends JsonCommand {
        ListKeys(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            List<Api.SshKey> keys = client().keys();
            return printJsonOr(keys, out -> {
                out.heading("SSH Keys");
                if (keys.isEmpty()) {
                    out.line("You have no SSH keys. Add yours with: paas keys:add");
                    return;
                }
                out.table(List.of("ID", "FINGERPRINT", "TYPE", "COMMENT", "ADDED"), keys.stream()
                        .map(k -> List.of(k.id(), k.fingerprint(), k.type(), k.comment() == null ? "" : k.comment(),
                                Output.time(k.createdAt())))
                        .toList());
            });
        }
    }

    @Command(name = "keys:add", mixinStandardHelpOptions = true,
            description = {"Add an SSH public key, for git push over SSH.",
                "Without FILE: the first of ~/.ssh/id_ed25519.pub, id_ecdsa.pub and id_rsa.pub. "
                    + "Private key files are never read."})
    public static class Add extends JsonCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "a public key file (.pub)")
        String file;

        Add(CliContext ctx) {
            super(ctx);
        }

        @Override
        public Integer call() {
            PublicKeyFile key = PublicKeyFile.find(ctx, file);
            String line = key.read();
            ControllerClient client = client();
            if (json()) {
                return printJsonOr(client.addKey(line), out -> { });
            }
            Output out = out();
            Api.SshKey added = out.action("Uploading SSH key " + key.path(), () -> client.addKey(line), k -> null);
            out.line(added.fingerprint() + " (" + added.type() + (added.comment() == null || added.comment().isEmpty()
                    ? "" : ", " + added.comment()) + "), id " + added.id());
            return 0;
        }
    }

    @Command(name = "keys:remove", mixinStandardHelpOptions = true,
            description = "Remove one of your SSH keys, by its id or fingerprint (see paas keys): it stops working at once.")
    public static class Remove implements Callable<Integer> {
        private final CliContext ctx;
        @Parameters(index = "0", paramLabel = "ID|FINGERPRINT", description = "the key's id or SHA256:... fingerprint")
        String key;

        Remove(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            ControllerClient client = Session.client(ctx);
            new Output(ctx.out()).action("Removing SSH key " + key, () -> client.removeKey(key.strip()));
            return 0;
        }
    }
}
