package io.paas.controller.keys;

import io.paas.controller.problems.Problem;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.digest.BuiltinDigests;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.regex.Pattern;

/**
 * One OpenSSH public key line ("ssh-ed25519 AAAA... comment"), parsed by sshd's own parser: the one
 * the builder's SSH server uses, so a key taken here is one it can match, with the same fingerprint.
 */
record ParsedKey(String type, String publicKey, String comment, String fingerprint) {
    static final int MIN_RSA_BITS = 2048;
    // an RSA key of 16384 bits is ~2.8 KB as a line; anything far longer is not a key
    private static final int MAX_LENGTH = 8192;
    private static final Pattern COMMENT = Pattern.compile("[\\p{Print}&&[^\\p{Cntrl}]]{0,200}");
    private static final String HOW = "give the contents of a public key file, like ~/.ssh/id_ed25519.pub";

    static {
        // Not BouncyCastle (on the class path for other uses): sshd would register it as a provider,
        // megabytes for a parse the JDK and net.i2p's EdDSA do alone
        System.setProperty("org.apache.sshd.security.provider.BC.enabled", "false");
    }

    static ParsedKey parse(String text) {
        if (text == null || text.isBlank()) {
            throw Problem.invalid("key is required: " + HOW);
        }
        if (text.length() > MAX_LENGTH) {
            throw Problem.invalid("a public key line is at most " + MAX_LENGTH + " characters: " + HOW);
        }
        if (text.contains("PRIVATE KEY")) {
            throw Problem.invalid("this is a private key, which must never leave your machine: "
                    + "give the public key (the .pub file beside it)");
        }
        String line = text.strip();
        if (line.contains("\n") || line.contains("\r")) {
            throw Problem.invalid("one key at a time: " + HOW);
        }
        String[] parts = line.split("\\s+", 3);
        String comment = parts.length == 3 ? parts[2].strip() : "";
        if (!COMMENT.matcher(comment).matches()) {
            throw Problem.invalid("the key's comment must be printable text of at most 200 characters");
        }
        PublicKey key;
        try {
            key = PublicKeyEntry.parsePublicKeyEntry(line)
                    .resolvePublicKey(null, null, PublicKeyEntryResolver.FAILING);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            key = null;
        }
        if (key == null) {
            throw Problem.invalid("not an SSH public key (or not a type the platform takes: ssh-ed25519, "
                    + "ecdsa-sha2-nistp256/384/521, ssh-rsa of " + MIN_RSA_BITS + " bits or more): " + HOW);
        }
        if (key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() < MIN_RSA_BITS) {
            throw Problem.invalid("this RSA key has " + rsa.getModulus().bitLength() + " bits; at least "
                    + MIN_RSA_BITS + " are needed: make a new key with ssh-keygen -t ed25519");
        }
        String type = KeyUtils.getKeyType(key);
        return new ParsedKey(type, PublicKeyEntry.toString(key), comment,
                KeyUtils.getFingerPrint(BuiltinDigests.sha256, key));
    }
}
