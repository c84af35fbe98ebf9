package io.paas.controller.certs;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;

/** The little DER needed to wrap PKCS#1 and SEC1 private keys into PKCS#8 for the JDK's KeyFactory. */
final class Der {
    private Der() {
    }

    /** The first element inside the SEQUENCE `der` (tag, length and content). */
    static byte[] firstElement(byte[] der) {
        int contentStart = contentStart(der, 0);
        int innerContent = contentStart(der, contentStart);
        int end = innerContent + length(der, contentStart);
        return Arrays.copyOfRange(der, contentStart, end);
    }

    /**
     * PrivateKeyInfo ::= SEQUENCE { version INTEGER 0, algorithm AlgorithmIdentifier, privateKey OCTET STRING }.
     */
    static byte[] pkcs8(byte[] algorithmIdentifier, byte[] privateKey) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        content.writeBytes(new byte[] {0x02, 0x01, 0x00});
        content.writeBytes(algorithmIdentifier);
        content.writeBytes(element(0x04, privateKey));
        return element(0x30, content.toByteArray());
    }

    private static byte[] element(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.length;
        if (length < 0x80) {
            out.write(length);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write((length >>> (8 * i)) & 0xff);
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    /** Offset of the content of the element starting at `offset`. */
    private static int contentStart(byte[] der, int offset) {
        int first = der[offset + 1] & 0xff;
        return offset + 2 + (first < 0x80 ? 0 : first & 0x7f);
    }

    /** Content length of the element starting at `offset`. */
    private static int length(byte[] der, int offset) {
        int first = der[offset + 1] & 0xff;
        if (first < 0x80) {
            return first;
        }
        int length = 0;
        for (int i = 0; i < (first & 0x7f); i++) {
            length = (length << 8) | (der[offset + 2 + i] & 0xff);
        }
        return length;
    }
}
