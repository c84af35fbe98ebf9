package io.paas.cli.support;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The contents of ~/.paas/config.json. builderUrl is remembered at login so the git credential
 * helper answers only for this platform's git server.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record UserConfig(String controller, String username, String token, String builderUrl) {

    public boolean loggedIn() {
        return controller != null && token != null;
    }

    public UserConfig withoutToken() {
        return new UserConfig(controller, username, null, builderUrl);
    }
}
