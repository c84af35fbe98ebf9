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
        if (uri == null || uri.getScheme() == null || uri.getHost() == null || builder.getHost() == null) {
            return false;
        }
        String base = builder.getPath() == null ? "" : builder.getPath().replaceAll("/+$", "");
        return uri.getScheme().equalsIgnoreCase(builder.getScheme())
                && uri.getHost().toLowerCase(Locale.ROOT).equals(builder.getHost().toLowerCase(Locale.ROOT))
                && port(uri) == port(builder)
                && uri.getPath() != null && uri.getPath().startsWith(base + "/");
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
