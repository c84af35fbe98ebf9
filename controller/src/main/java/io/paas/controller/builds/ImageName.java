package io.paas.controller.builds;

import io.paas.controller.problems.Problem;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image reference as the engine reads it: [registry/]repository[:tag][@digest]. A first path
 * part with a dot or a colon, or "localhost", is a registry; without one the image is Docker Hub's
 * (docker.io, "library/" for one-part names), as docker and Podman's compat API resolve it.
 */
public record ImageName(String registry, String repository, String tag, String digest) {
    static final String DOCKER_HUB = "docker.io";
    private static final Pattern REGISTRY = Pattern.compile("^(?:\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(?::[0-9]{1,5})?$");
    private static final Pattern REFERENCE = Pattern.compile(
            "^([a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)"
                    + "(?::([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(sha256:[0-9a-f]{64}))?$");

    public static ImageName parse(String reference) {
        String ref = reference == null ? "" : reference.strip();
        String registry = null;
        String rest = ref;
        int slash = ref.indexOf('/');
        if (slash > 0) {
            String first = ref.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                registry = first;
                rest = ref.substring(slash + 1);
            }
        }
        Matcher m = REFERENCE.matcher(rest);
        if (ref.isEmpty() || ref.length() > 512 || !m.matches() || registry != null && !REGISTRY.matcher(registry).matches()) {
            throw Problem.invalid("'" + reference + "' is not an image reference: use [REGISTRY/]NAME[:TAG][@sha256:DIGEST],"
                    + " e.g. registry.example.com/team/web:1.4");
        }
        String repository = m.group(1);
        if (registry == null) {
            registry = DOCKER_HUB;
            repository = repository.contains("/") ? repository : "library/" + repository;
        }
        String tag = m.group(2) == null && m.group(3) == null ? "latest" : m.group(2);
        return new ImageName(registry, repository, tag, m.group(3));
    }

    /** The registry's host, without its port (and without brackets for IPv6). */
    public String host() {
        String host = registry.startsWith("[") ? registry.substring(1, registry.indexOf(']'))
                : registry.contains(":") ? registry.substring(0, registry.lastIndexOf(':')) : registry;
        return host;
    }

    /** The registry's port; -1 when none is given. */
    public int port() {
        int close = registry.lastIndexOf(']');
        int colon = registry.lastIndexOf(':');
        return colon > close ? Integer.parseInt(registry.substring(colon + 1)) : -1;
    }

    /** registry/repository, what a pinned name and a pull start with. */
    public String name() {
        return registry + "/" + repository;
    }

    /** The full reference, qualified: registry/repository[:tag][@digest]. */
    @Override
    public String toString() {
        return name() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }
}
