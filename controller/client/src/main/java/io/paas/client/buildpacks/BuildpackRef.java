package io.paas.client.buildpacks;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One buildpack as an app names it (`paas buildpacks:add`, BUILDPACK_URL, a line of .buildpacks): a
 * built-in one by its folder name (or Heroku's name for it, `heroku/nodejs`, or its GitHub URL), or
 * a buildpack to fetch inside the build container: a tarball (.tgz, .tar.gz, .tar) or a git
 * repository over http(s), `#ref` naming a branch, tag or commit. The controller (where a user sets
 * it) and the builder (for .buildpacks and BUILDPACK_URL) parse it here, with the same rules.
 *
 * @param given   what the user wrote, trimmed (stored and shown as it is)
 * @param builtin the built-in buildpack's folder name, or null for a URL
 * @param url     the URL to fetch without its #ref, or null for a built-in one
 * @param ref     the git ref after '#', or null
 */
public record BuildpackRef(String given, Kind kind, String builtin, URI url, String ref) {
    public enum Kind { BUILTIN, TARBALL, GIT }

    /** The longest URL stored; longer text is surely not a buildpack. */
    public static final int MAX_LENGTH = 2000;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:.*");
    // a ref goes to git as an argument: no leading '-', no spaces, no '..'
    private static final Pattern REF = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._/-]{0,199}");
    // Heroku's buildpack registry serves heroku/NAME from these
    private static final Pattern OCTET = Pattern.compile("25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9]");
    // no top-level domain starts with a digit: such a host is an IPv4 address in some notation
    private static final Pattern NUMERIC_HOST = Pattern.compile("(?i)(.*\\.)?(0x[0-9a-f]*|[0-9][^.]*)\\.?");
    private static final Set<String> HEROKU_TARBALL_HOSTS = Set.of("buildpack-registry.s3.amazonaws.com",
            "codon-buildpacks.s3.amazonaws.com", "buildpack-registry.heroku.com");

    /** Whether the user's text names the same buildpack as this one (`paas buildpacks:remove heroku/go`). */
    public boolean sameAs(BuildpackRef other) {
        return kind == Kind.BUILTIN ? builtin.equals(other.builtin) : given.equals(other.given);
    }

    /** What build output shows: the user's text, with any password in a URL masked. */
    public String display() {
        if (url == null || url.getRawUserInfo() == null) {
            return given;
        }
        return given.replace(url.getRawUserInfo() + "@", "***@");
    }

    /**
     * Parses what a user gave. builtins are the folder names of the buildpacks this platform has
     * (empty when unknown: then any well-formed name is taken, and the build checks it).
     */
    public static BuildpackRef parse(String text, Collection<String> builtins) throws BuildpackRefused {
        String given = text == null ? "" : text.strip();
        if (given.isEmpty()) {
            throw new BuildpackRefused("no buildpack given: name a built-in one (" + names(builtins)
                    + ") or give an http(s) URL of a buildpack");
        }
        if (given.length() > MAX_LENGTH) {
            throw new BuildpackRefused("buildpack URL is longer than " + MAX_LENGTH + " characters");
        }
        if (given.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new BuildpackRefused("buildpack '" + given + "' has a space or control character in it");
        }
        if (given.startsWith("/") || given.startsWith(".") || given.startsWith("~")) {
            throw new BuildpackRefused("buildpack " + given + " is a path on the platform's machine, which builds never "
                    + "read: give a built-in name (" + names(builtins) + ") or an http(s) URL");
        }
        if (given.startsWith("git@") || given.matches("^[^/:]+@[^/:]+:.*")) {
            throw new BuildpackRefused("buildpack " + given + " is an ssh address, which builds cannot use: give the "
                    + "repository's https URL");
        }
        if (SCHEME.matcher(given).matches()) {
            return url(given, builtins);
        }
        return builtin(given, heroku(given, builtins), builtins);
    }

    private static BuildpackRef builtin(String given, String alias, Collection<String> builtins) throws BuildpackRefused {
        String name = alias != null ? alias : given;
        if (!known(name, builtins)) {
            throw new BuildpackRefused("no built-in buildpack " + given + " (built in: " + names(builtins)
                    + "); other buildpacks are given by their http(s) URL");
        }
        return new BuildpackRef(given, Kind.BUILTIN, name, null, null);
    }

    /** heroku/nodejs, heroku-community/static: Heroku's names of what is built in here, or null. */
    private static String heroku(String given, Collection<String> builtins) {
        int slash = given.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String namespace = given.substring(0, slash).toLowerCase(Locale.ROOT);
        String name = given.substring(slash + 1).toLowerCase(Locale.ROOT);
        boolean heroku = namespace.equals("heroku") || namespace.equals("heroku-community");
        return heroku && known(name, builtins) ? name : null;
    }

    private static BuildpackRef url(String given, Collection<String> builtins) throws BuildpackRefused {
        URI uri;
        try {
            uri = new URI(given);
        } catch (URISyntaxException e) {
            throw new BuildpackRefused("buildpack URL " + given + " is not a valid URL: " + e.getReason());
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("file")) {
            throw new BuildpackRefused("buildpack URL " + given + " is refused: file:// URLs would read the platform's "
                    + "own files; give an http(s) URL");
        }
        if (scheme.equals("ssh") || scheme.equals("git") || scheme.startsWith("git+")) {
            throw new BuildpackRefused("buildpack URL " + given + " is refused: builds fetch buildpacks over http(s) only; "
                    + "give the repository's https URL");
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new BuildpackRefused("buildpack URL " + given + " is refused: " + scheme + ": is not http or https");
        }
        String host = uri.getHost();
        if (host == null || uri.getRawAuthority() == null) {
            throw new BuildpackRefused("buildpack URL " + given + " has no host");
        }
        if (!host.startsWith("[") && NUMERIC_HOST.matcher(host).matches() && !canonicalIpv4(host)) {
            // curl and Java read 0177.0.0.1, 127.1 or 0x7f.1 differently: one address, one way of writing it
            throw new BuildpackRefused("buildpack URL " + given + ": write its IPv4 address as four decimal numbers "
                    + "(like 192.0.2.10)");
        }
        String ref = uri.getRawFragment();
        if (ref != null && !(REF.matcher(ref).matches() && !ref.contains(".."))) {
            throw new BuildpackRefused("buildpack URL " + given + ": '#" + ref + "' is not a git branch, tag or commit");
        }
        URI withoutRef = URI.create(ref == null ? given : given.substring(0, given.length() - ref.length() - 1));
        String alias = herokuUrl(uri, builtins);
        if (alias != null) {
            return new BuildpackRef(given, Kind.BUILTIN, alias, null, null);
        }
        String path = uri.getPath() == null ? "" : uri.getPath().toLowerCase(Locale.ROOT);
        boolean tarball = path.endsWith(".tgz") || path.endsWith(".tar.gz") || path.endsWith(".tar");
        if (tarball && ref != null) {
            throw new BuildpackRefused("buildpack URL " + given + ": a #ref names a git ref, and this is a tarball");
        }
        return new BuildpackRef(given, tarball ? Kind.TARBALL : Kind.GIT, null, withoutRef, ref);
    }

    /**
     * Heroku's own buildpacks by URL (github.com/heroku/heroku-buildpack-go, the registry's
     * .../buildpacks/heroku/go.tgz) are the built-in ones here: the originals fetch their runtimes
     * from Heroku's storage, which builds here do not use.
     */
    private static String herokuUrl(URI uri, Collection<String> builtins) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        List<String> parts = List.of(uri.getPath() == null ? new String[0]
                : uri.getPath().toLowerCase(Locale.ROOT).replaceAll("^/+|/+$", "").split("/+"));
        if (host.equals("github.com") && parts.size() == 2 && parts.get(0).equals("heroku")
                && parts.get(1).startsWith("heroku-buildpack-")) {
            String name = parts.get(1).substring("heroku-buildpack-".length()).replaceAll("\\.git$", "");
            return known(name, builtins) ? name : null;
        }
        if (HEROKU_TARBALL_HOSTS.contains(host) && parts.size() >= 2) {
            String namespace = parts.get(parts.size() - 2);
            String file = parts.get(parts.size() - 1).replaceAll("\\.tgz$", "");
            return (namespace.equals("heroku") || namespace.equals("heroku-community")) && known(file, builtins)
                    ? file : null;
        }
        return null;
    }

    /** A built-in name; any well-formed one when the built-in buildpacks are not known here (the build checks). */
    private static boolean known(String name, Collection<String> builtins) {
        return builtins.isEmpty() ? NAME.matcher(name).matches() : builtins.contains(name);
    }

    private static boolean canonicalIpv4(String host) {
        String[] octets = host.split("\\.", -1);
        return octets.length == 4 && java.util.Arrays.stream(octets).allMatch(o -> OCTET.matcher(o).matches());
    }

    private static String names(Collection<String> builtins) {
        return builtins.isEmpty() ? "see buildpacks/order" : String.join(", ", builtins);
    }
}
