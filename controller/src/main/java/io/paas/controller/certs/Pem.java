package io.paas.controller.certs;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The "-----BEGIN TYPE-----" blocks of a PEM text, decoded. */
final class Pem {
    record Block(String type, byte[] der, String headers) {
    }

    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*(.*?)-----END \\1-----", Pattern.DOTALL);

    private Pem() {
    }

    /** Every well-formed block, in order; a block whose base64 is broken is left out. */
    static List<Block> blocks(String text) {
        List<Block> blocks = new ArrayList<>();
        if (text == null) {
            return blocks;
        }
        Matcher matcher = BLOCK.matcher(text.replace("\r\n", "\n"));
        while (matcher.find()) {
            String body = matcher.group(2);
            // RFC 1421 headers (Proc-Type, DEK-Info) end with an empty line before the base64.
            String headers = "";
            int blank = body.indexOf("\n\n");
            if (body.contains(":") && blank > 0) {
                headers = body.substring(0, blank);
                body = body.substring(blank + 2);
            }
            try {
                blocks.add(new Block(matcher.group(1), Base64.getMimeDecoder().decode(body.strip()), headers));
            } catch (IllegalArgumentException e) {
                // Not base64: the caller reports the block type as missing.
            }
        }
        return blocks;
    }

    static String encode(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
    }
}
