package io.paas.cli.keys;

import io.paas.cli.CliContext;
import io.paas.cli.support.CliException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The public key file keys:add sends. A private key must never leave the machine, nor be read: a
 * file is read whole only after its first bytes show a public key's type.
 */
record PublicKeyFile(Path path) {
    static final List<String> DEFAULTS = List.of("id_ed25519.pub", "id_ecdsa.pub", "id_rsa.pub");
    private static final List<String> TYPES = List.of("ssh-", "ecdsa-sha2-", "sk-");
    // a public key line of any kind fits; anything larger is not one
    private static final int MAX_BYTES = 16 * 1024;

    static PublicKeyFile find(CliContext ctx, String given) {
        if (given != null) {
            Path path = ctx.workDir().resolve(given).normalize();
            if (!Files.isRegularFile(path)) {
                throw CliException.usage("no such file: " + given);
            }
            if (!path.getFileName().toString().endsWith(".pub") && Files.exists(Path.of(path + ".pub"))) {
                throw CliException.usage(given + " is a private key: give its public key, " + given + ".pub");
            }
            return new PublicKeyFile(path);
        }
        String home = ctx.env("HOME") != null ? ctx.env("HOME") : System.getProperty("user.home");
        Path ssh = Path.of(home, ".ssh");
        return DEFAULTS.stream().map(ssh::resolve).filter(Files::isRegularFile).findFirst().map(PublicKeyFile::new)
                .orElseThrow(() -> new CliException("no public key in " + ssh + " (" + String.join(", ", DEFAULTS)
                        + "): make one with ssh-keygen -t ed25519, or give a FILE"));
    }

    /** The key's one line; refuses, before reading on, a file that does not begin like a public key. */
    String read() {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(32);
            String start = new String(head, StandardCharsets.US_ASCII);
            if (TYPES.stream().noneMatch(start::startsWith)) {
                throw CliException.usage(path + " is not an SSH public key (" + (start.startsWith("-----BEGIN")
                        ? "it looks like a private key or a certificate" : "a .pub file begins with its type, like ssh-ed25519")
                        + "): give the .pub file");
            }
            byte[] rest = in.readNBytes(MAX_BYTES);
            if (in.read() >= 0) {
                throw CliException.usage(path + " is too large for an SSH public key");
            }
            byte[] whole = new byte[head.length + rest.length];
            System.arraycopy(head, 0, whole, 0, head.length);
            System.arraycopy(rest, 0, whole, head.length, rest.length);
            return new String(whole, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new CliException("cannot read " + path + ": " + e.getMessage());
        }
    }
}
