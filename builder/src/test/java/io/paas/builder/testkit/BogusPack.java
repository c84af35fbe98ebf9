package io.paas.builder.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** What a hostile client may send to git-receive-pack: an update of main and then no real pack. */
public final class BogusPack {
    private BogusPack() {
    }

    /** A creation of refs/heads/main asking for report-status, then "PACK" and bytes that are no objects. */
    public static byte[] updateOfMain() {
        String command = "0".repeat(40) + " " + "ab".repeat(20) + " refs/heads/main\0report-status\n";
        ByteArrayOutputStream pack = new ByteArrayOutputStream();
        pack.writeBytes(String.format("%04x", command.length() + 4).getBytes(StandardCharsets.US_ASCII));
        pack.writeBytes(command.getBytes(StandardCharsets.US_ASCII));
        pack.writeBytes("0000PACK".getBytes(StandardCharsets.US_ASCII));
        pack.writeBytes(new byte[] {0, 0, 0, 2, 0, 0, 0, 3});
        pack.writeBytes("not an object, nor a checksum".repeat(50).getBytes(StandardCharsets.US_ASCII));
        return pack.toByteArray();
    }
}
