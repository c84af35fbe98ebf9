package io.paas.controller.certs;

import io.paas.controller.problems.Problem;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;

/**
 * Reads the private key of a PEM text with the JDK alone: PKCS#8 ("PRIVATE KEY"), PKCS#1
 * ("RSA PRIVATE KEY") and SEC1 ("EC PRIVATE KEY"). The last two are wrapped into PKCS#8 with the
 * algorithm identifier of the certificate's public key, which also names the EC curve.
 */
final class PrivateKeys {
    private PrivateKeys() {
    }

    static PrivateKey read(String keyPem, PublicKey certificateKey) {
        List<Pem.Block> blocks = Pem.blocks(keyPem);
        for (Pem.Block block : blocks) {
            switch (block.type()) {
                case "ENCRYPTED PRIVATE KEY" -> throw encrypted();
                case "PRIVATE KEY" -> {
                    return parse(block.der(), certificateKey);
                }
                case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> {
                    if (block.headers().contains("ENCRYPTED")) {
                        throw encrypted();
                    }
                    byte[] algorithm = Der.firstElement(certificateKey.getEncoded());
                    return parse(Der.pkcs8(algorithm, block.der()), certificateKey);
                }
                default -> {
                    // EC PARAMETERS and certificates may come along in the same file.
                }
            }
        }
        if (blocks.stream().anyMatch(b -> b.type().equals("CERTIFICATE"))) {
            throw Problem.invalid("not a PEM private key: the key file holds a certificate (are CERT and KEY swapped?)");
        }
        throw Problem.invalid("not a PEM private key: expected -----BEGIN PRIVATE KEY----- "
                + "(or RSA PRIVATE KEY, EC PRIVATE KEY)");
    }

    private static PrivateKey parse(byte[] pkcs8, PublicKey certificateKey) {
        try {
            return KeyFactory.getInstance(certificateKey.getAlgorithm()).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException | RuntimeException e) {
            // Most often a key of another type than the certificate's (an EC key for an RSA certificate).
            throw Problem.invalid("the key does not match the certificate");
        }
    }

    private static Problem encrypted() {
        return Problem.invalid("the key is encrypted: decrypt it first, e.g. openssl pkey -in key.pem -out plain-key.pem");
    }
}
