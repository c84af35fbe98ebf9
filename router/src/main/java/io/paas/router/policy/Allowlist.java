package io.paas.router.policy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** CIDR ranges (IPv4 and IPv6) a client address must fall in; empty allows everyone. */
public final class Allowlist {
    public static final Allowlist EVERYONE = new Allowlist(List.of());

    private final List<Range> ranges;

    private Allowlist(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** Entries that are not CIDRs are skipped: the controller validates them, the router must not fail a table. */
    public static Allowlist of(List<String> cidrs) {
        if (cidrs == null || cidrs.isEmpty()) {
            return EVERYONE;
        }
        List<Range> ranges = new ArrayList<>();
        for (String cidr : cidrs) {
            Range range = Range.parse(cidr);
            if (range != null) {
                ranges.add(range);
            }
        }
        return new Allowlist(List.copyOf(ranges));
    }

    public boolean everyone() {
        return ranges.isEmpty();
    }

    public boolean allows(String clientAddress) {
        if (ranges.isEmpty()) {
            return true;
        }
        byte[] address = literal(clientAddress);
        if (address == null) {
            return false;
        }
        for (Range range : ranges) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** Parses an IP literal without any name lookup; null when it is not one. */
    static byte[] literal(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        boolean v6 = text.indexOf(':') >= 0;
        if (!v6 && !Character.isDigit(text.charAt(0))) {
            return null;
        }
        try {
            byte[] bytes = InetAddress.getByName(v6 ? stripZone(text) : text).getAddress();
            return unmapV4(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static String stripZone(String text) {
        int percent = text.indexOf('%');
        return percent < 0 ? text : text.substring(0, percent);
    }

    /** ::ffff:1.2.3.4 (a v4 client on a dual-stack socket) compares as 1.2.3.4. */
    private static byte[] unmapV4(byte[] bytes) {
        if (bytes.length != 16) {
            return bytes;
        }
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return bytes;
            }
        }
        if (bytes[10] != (byte) 0xff || bytes[11] != (byte) 0xff) {
            return bytes;
        }
        return new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]};
    }

    private record Range(byte[] network, int prefix) {
        static Range parse(String cidr) {
            if (cidr == null) {
                return null;
            }
            String text = cidr.strip();
            int slash = text.indexOf('/');
            byte[] address = literal(slash < 0 ? text : text.substring(0, slash));
            if (address == null) {
                return null;
            }
            int bits = address.length * 8;
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(text.substring(slash + 1));
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return prefix < 0 || prefix > bits ? null : new Range(address, prefix);
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[full] & mask) == (network[full] & mask);
        }
    }
}
