package io.paas.cli.auth;

import io.paas.cli.CliContext;
import io.paas.cli.support.CliException;
import io.paas.cli.support.PlatformRemotes;
import io.paas.cli.support.UserConfig;
import io.paas.cli.support.UserConfigStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * git's credential helper protocol (gitcredentials(7)): git writes key=value lines and a blank line;
 * for `get` we answer the user's name and API token when git asks about this platform's builder.
 * `store` and `erase` do nothing: the token lives in the CLI's config, changed by login and logout.
 */
@Command(name = "git-credential", hidden = true, mixinStandardHelpOptions = true,
        description = "git credential helper (configured by login).")
public class GitCredentialCommand implements Callable<Integer> {
    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "OPERATION", description = "get, store or erase")
    String operation;

    GitCredentialCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws IOException {
        Map<String, String> request = readRequest();
        if (!operation.equals("get")) {
            return 0;
        }
        UserConfig config = new UserConfigStore(ctx).load();
        if (config.loggedIn() && config.username() != null && isBuilder(config.builderUrl(), request)) {
            // Bare "\n": git parses the lines itself, and this must not depend on the platform.
            ctx.out().print("username=" + config.username() + "\n");
            ctx.out().print("password=" + config.token() + "\n");
        }
        return 0;
    }

    private Map<String, String> readRequest() throws IOException {
        Map<String, String> request = new HashMap<>();
        String line;
        while ((line = ctx.in().readLine()) != null && !line.isEmpty()) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                request.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return request;
    }

    /** True when git asks about the builder saved at login (or when none was saved, as git only asks us for it). */
    private static boolean isBuilder(String builderUrl, Map<String, String> request) {
        if (builderUrl == null) {
            return true;
        }
        URI builder;
        try {
            builder = URI.create(builderUrl);
        } catch (IllegalArgumentException e) {
            throw new CliException("bad builder URL in the config: " + builderUrl);
        }
        URI asked;
        try {
            asked = new URI(request.getOrDefault("protocol", "") + "://" + request.getOrDefault("host", "") + "/");
        } catch (URISyntaxException e) {
            return false;
        }
        return PlatformRemotes.sameServer(builder, asked);
    }
}
