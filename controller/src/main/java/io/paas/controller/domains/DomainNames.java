package io.paas.controller.domains;

import io.paas.controller.problems.Problem;

import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/** The syntax of custom domains, and which names a certificate name (maybe a wildcard) covers. */
public final class DomainNames {
    private static final Pattern LABEL = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");
    private static final Pattern NUMERIC = Pattern.compile("^[0-9]+$");

    private DomainNames() {
    }

    /**
     * The domain in its canonical form (lowercase, ASCII, no trailing dot), or a 400 saying what is
     * wrong. A wildcard is allowed as the whole first label only: "*.example.com".
     */
    public static String canonical(String input, String platformDomain) {
        if (input == null || input.isBlank()) {
            throw Problem.invalid("domain is required, e.g. www.example.com");
        }
        String domain = input.strip().toLowerCase(Locale.ROOT);
        if (domain.endsWith(".")) {
            domain = domain.substring(0, domain.length() - 1);
        }
        boolean wildcard = domain.startsWith("*.");
        String rest = wildcard ? domain.substring(2) : domain;
        if (!rest.chars().allMatch(c -> c < 0x80)) {
            try {
                rest = IDN.toASCII(rest, IDN.USE_STD3_ASCII_RULES); // an internationalized name: its xn-- form
            } catch (IllegalArgumentException e) {
                throw invalid(input, "not a valid internationalized host name");
            }
        }
        if (rest.contains("*")) {
            throw invalid(input, "a wildcard is allowed only as the whole first label, as in *.example.com");
        }
        String[] labels = rest.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw invalid(input, "each label needs 1-63 letters, digits or dashes, not starting or ending with a dash");
            }
        }
        String result = (wildcard ? "*." : "") + rest;
        String platform = platformDomain.toLowerCase(Locale.ROOT);
        if (rest.equals(platform) || rest.endsWith("." + platform)) {
            throw Problem.invalid(result + " is under the platform domain " + platform + ": every app already gets "
                    + "<app>." + platform + "; add a domain you own instead");
        }
        if (labels.length < 2) {
            throw invalid(input, "use a fully qualified name such as www.example.com");
        }
        if (NUMERIC.matcher(labels[labels.length - 1]).matches()) {
            throw invalid(input, "an IP address is not a domain");
        }
        if (result.length() > 253) {
            throw invalid(input, "a domain has at most 253 characters");
        }
        return result;
    }

    /** Whether a certificate holding `certName` ("www.example.com", "*.example.com") is valid for `domain`. */
    public static boolean covers(String certName, String domain) {
        if (certName.equalsIgnoreCase(domain)) {
            return true;
        }
        if (!certName.startsWith("*.") || domain.startsWith("*.")) {
            return false;
        }
        // A wildcard matches exactly one label: *.example.com covers www.example.com, not a.b.example.com.
        int dot = domain.indexOf('.');
        return dot > 0 && domain.substring(dot + 1).equalsIgnoreCase(certName.substring(2));
    }

    private static Problem invalid(String input, String why) {
        return Problem.invalid("invalid domain '" + input.strip() + "': " + why);
    }
}
