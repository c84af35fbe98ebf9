package io.paas.cli.support;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

/**
 * Which git remotes point at this platform's git server: those under the builder URL saved at login,
 * whatever their name. A login saved before the builder URL was remembered knows only the remote `paas`.
 */
public final class PlatformRemotes {
    private final String builderUrl;
    private final URI builder;

    public PlatformRemotes(String builderUrl) {
        this.builderUrl = builderUrl;
        this.builder = builderUrl == null ? null : parse(builderUrl);
    }

    public static PlatformRemotes of(UserConfig config) {
        return new PlatformRemotes(config.builderUrl());
    }

    /** The builder URL, for messages; null when unknown. */
    public String builderUrl() {
        return builderUrl;
    }

    public List<GitRemote> filter(List<GitRemote> remotes) {
        return remotes.stream().filter(this::pointsHere).toList();
    }

    public boolean pointsHere(GitRemote remote) {
        if (remote.app() == null) {
            return false;
        }
        if (builder == null) {
            return remote.name().equals(GitRemote.NAME);
        }
        URI uri = parse(remote.url());
        if (uri == null || !sameServer(uri, builder)) {
            return false;
        }
        String base = builder.getPath() == null ? "" : builder.getPath().replaceAll("/+$", "");
        return uri.getPath() != null && uri.getPath().startsWith(base + "/");
    }

    /**
     * Whether two URLs name the same server: scheme, host and port (the scheme's default when none is
     * written). The one rule for "this is our builder", for git remotes and git's credential requests.
     */
    public static boolean sameServer(URI a, URI b) {
        if (a.getScheme() == null || b.getScheme() == null || a.getHost() == null || b.getHost() == null) {
            return false;
        }
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost().toLowerCase(Locale.ROOT).equals(b.getHost().toLowerCase(Locale.ROOT))
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static URI parse(String url) {
        try {
            return new URI(url.strip());
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
