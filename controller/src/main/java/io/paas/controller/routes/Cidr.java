package io.paas.controller.routes;

import io.paas.controller.problems.Problem;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** IPv4 and IPv6 CIDRs of the allowlist, checked and written in one canonical form. */
public final class Cidr {
    private static final Pattern IPV4 = Pattern.compile("^\\d{1,3}(\\.\\d{1,3}){3}$");
    private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:.]+$");

    private Cidr() {
    }

    /**
     * "1.2.3.4/24" -> "1.2.3.0/24" (host bits cleared), "10.0.0.1" -> "10.0.0.1/32",
     * "2001:DB8::/32" -> "2001:db8::/32"; anything else is a 400.
     */
    public static String canonical(String input) {
        if (input == null || input.isBlank()) {
            throw Problem.invalid("cidr is required, e.g. 1.2.3.0/24 or 2001:db8::/32");
        }
        String text = input.strip();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        boolean v4 = IPV4.matcher(address).matches();
        boolean v6 = !v4 && address.contains(":") && IPV6.matcher(address).matches();
        if (!v4 && !v6) {
            throw invalid(text, "not an IPv4 or IPv6 address");
        }
        byte[] bytes;
        try {
            // Literal addresses only (checked above), so this never looks a name up.
            InetAddress parsed = InetAddress.getByName(address);
            if (v6 && !(parsed instanceof Inet6Address) || v4 && !(parsed instanceof Inet4Address)) {
                throw invalid(text, "write IPv4-mapped addresses in their IPv4 form");
            }
            bytes = parsed.getAddress();
        } catch (UnknownHostException e) {
            throw invalid(text, "not an IPv4 or IPv6 address");
        }
        int max = bytes.length * 8;
        int prefix = max;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > max) {
                throw invalid(text, "the prefix length must be 0-" + max);
            }
        }
        for (int bit = prefix; bit < max; bit++) {
            bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return (v4 ? v4Text(bytes) : v6Text(bytes)) + "/" + prefix;
    }

    private static String v4Text(byte[] b) {
        return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
    }

    /** RFC 5952: lowercase, no leading zeros, the longest run of two or more zero groups as "::". */
    private static String v6Text(byte[] b) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static Problem invalid(String input, String why) {
        return Problem.invalid("invalid CIDR '" + input + "': " + why + " (e.g. 1.2.3.0/24, 10.0.0.1, 2001:db8::/32)");
    }
}
