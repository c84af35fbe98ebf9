package io.paas.builder.build;

import io.paas.client.buildpacks.BuildpackRef;
import io.paas.client.buildpacks.BuildpackRefused;
import io.paas.client.buildpacks.BuildpackUrlPolicy;
import io.paas.client.buildpacks.BuiltinBuildpacks;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The buildpacks an app names for a build, as Heroku and Dokku take them: the app's own list (`paas
 * buildpacks:set`), else the BUILDPACK_URL config var, else a .buildpacks file (one per line); none
 * means bin/build detects one (or takes the BUILDPACK config var). Every entry is checked again here
 * with the controller's code (names, schemes, addresses; DNS may have changed since it was set), and
 * the addresses checked are pinned for the fetch inside the build container.
 */
public final class NamedBuildpacks {
    static final String FILE = ".buildpacks";
    static final String CONFIG_VAR = "BUILDPACK_URL";
    private static final int MAX_FILE_ENTRIES = 6;

    /** Where the list came from, and bin/build's BUILDPACKS lines for it (empty: detect). */
    public record Choice(String source, List<String> lines) {
        public boolean named() {
            return !lines.isEmpty();
        }
    }

    private final BuildpackUrlPolicy policy;
    private final Path buildpacksDir;

    public NamedBuildpacks(BuildpackUrlPolicy policy, Path buildpacksDir) {
        this.policy = policy;
        this.buildpacksDir = buildpacksDir;
    }

    /** Picks and checks the buildpacks; a refusal is reported on out and ends the build before it starts. */
    public Choice choose(List<String> appSetting, Map<String, String> config, Path appDir, BuildOutput out)
            throws BuildFailure {
        String source;
        List<String> given;
        String fromConfig = config.get(CONFIG_VAR);
        if (!appSetting.isEmpty()) {
            source = "set on the app (paas buildpacks)";
            given = appSetting;
        } else if (fromConfig != null && !fromConfig.isBlank()) {
            source = "from the " + CONFIG_VAR + " config var";
            given = List.of(fromConfig.strip());
        } else {
            given = fileEntries(appDir, out);
            source = "from " + FILE;
        }
        if (given.isEmpty()) {
            return new Choice(null, List.of());
        }
        List<String> builtins = BuiltinBuildpacks.in(buildpacksDir);
        List<String> lines = new ArrayList<>();
        for (String text : given) {
            try {
                BuildpackRef ref = BuildpackRef.parse(text, builtins);
                lines.add(line(ref, policy.check(ref)));
            } catch (BuildpackRefused e) {
                out.line(" !     " + e.getMessage());
                out.line(" !     Push rejected: buildpack " + source + " refused; nothing was built");
                throw new BuildFailure("buildpack refused");
            }
        }
        out.line("-----> Buildpacks " + source);
        return new Choice(source, lines);
    }

    private static List<String> fileEntries(Path appDir, BuildOutput out) throws BuildFailure {
        Path file = appDir.resolve(FILE);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        List<String> entries;
        try {
            // '#' starts a comment only at the start of a line: in a URL it names a git ref
            entries = Files.readAllLines(file).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            out.line(" !     Cannot read " + FILE + ": " + e.getMessage());
            throw new BuildFailure("cannot read " + FILE);
        }
        if (entries.size() > MAX_FILE_ENTRIES) {
            out.line(" !     " + FILE + " names " + entries.size() + " buildpacks: at most " + MAX_FILE_ENTRIES);
            throw new BuildFailure("too many buildpacks");
        }
        return entries;
    }

    /** `KIND TARGET REF RESOLVE SHOWN`, as bin/build reads it; no field holds a space (parse refuses them). */
    static String line(BuildpackRef ref, List<InetAddress> addresses) {
        return switch (ref.kind()) {
            case BUILTIN -> String.join(" ", "builtin", ref.builtin(), "-", "-", ref.display());
            case TARBALL, GIT -> String.join(" ", ref.kind() == BuildpackRef.Kind.GIT ? "git" : "tarball",
                    ref.url().toString(), ref.ref() == null ? "-" : ref.ref(), resolve(ref.url(), addresses), ref.display());
        };
    }

    /** curl's --resolve HOST:PORT:ADDR,ADDR pin (git's http.curloptResolve takes the same); "-" for an IPv6 address. */
    static String resolve(URI url, List<InetAddress> addresses) {
        String host = BuildpackUrlPolicy.host(url);
        if (addresses.isEmpty() || host.indexOf(':') >= 0) {
            return "-";
        }
        int port = url.getPort() >= 0 ? url.getPort() : url.getScheme().equalsIgnoreCase("https") ? 443 : 80;
        return host + ":" + port + ":" + addresses.stream()
                .map(a -> a instanceof Inet6Address ? "[" + a.getHostAddress().replaceAll("%.*", "") + "]" : a.getHostAddress())
                .collect(Collectors.joining(","));
    }
}
