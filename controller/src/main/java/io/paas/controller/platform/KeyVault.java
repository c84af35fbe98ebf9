package io.paas.controller.platform;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * Seals the secrets the database keeps (certificate private keys, registry passwords, config values)
 * with AES-256-GCM under the platform key $PAAS_HOME/secrets/cert-key, so a database dump or backup
 * alone does not leak them. Sealed values are "v1:" + base64(iv || ciphertext+tag); any other value
 * is one stored before encryption existed and is read as the clear text it is.
 */
@ApplicationScoped
public class KeyVault {
    public static final String PREFIX = "v1:";
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path keyFile;
    private volatile SecretKeySpec key;

    @Inject
    public KeyVault(PlatformSettings settings) {
        this(settings.dataDir());
    }

    /** The vault of the platform whose data directory is home: for code that runs before CDI (migrations). */
    public KeyVault(Path home) {
        this.keyFile = home.resolve("secrets/cert-key");
    }

    public static boolean isSealed(String stored) {
        return stored != null && stored.startsWith(PREFIX);
    }

    public String seal(String secret) {
        byte[] iv = new byte[IV_BYTES];
        RANDOM.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            byte[] out = Arrays.copyOf(iv, IV_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, IV_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a secret: " + e.getMessage(), e);
        }
    }

    /** The clear text of a stored secret, sealed or (legacy) clear text. */
    public String open(String stored) {
        if (!isSealed(stored)) {
            return stored;
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // GCM's tag fails for a replaced key file as for damaged data: name the likely cause.
            throw new IllegalStateException("cannot decrypt a stored secret: " + keyFile
                    + " is not the key it was encrypted with, or the stored value is damaged", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec current = key;
        if (current == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SecretKeySpec(readOrCreate(), "AES");
                }
                current = key;
            }
        }
        return current;
    }

    private byte[] readOrCreate() {
        try {
            if (!Files.exists(keyFile)) {
                create();
            }
            byte[] bytes = Files.readAllBytes(keyFile);
            if (bytes.length != KEY_BYTES) {
                // Never replace a bad file: the secrets already sealed with it would be lost for good.
                throw new IllegalStateException(keyFile + " holds " + bytes.length + " bytes, not " + KEY_BYTES
                        + ": restore it from a backup");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + keyFile, e);
        }
    }

    /**
     * Writes a temporary file (0600 from the start) and links it into place: link(2) fails when
     * the file exists, so a controller starting at the same time can never overwrite a key in use.
     */
    private void create() throws IOException {
        Path dir = keyFile.getParent();
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path temp = Files.createTempFile(dir, "cert-key", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            byte[] bytes = new byte[KEY_BYTES];
            RANDOM.nextBytes(bytes);
            // Forced to disk before anything is sealed with it: losing it would lose those secrets.
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(bytes));
                channel.force(true);
            }
            Files.createLink(keyFile, temp);
        } catch (FileAlreadyExistsException e) {
            // Another process made it first: use theirs.
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
