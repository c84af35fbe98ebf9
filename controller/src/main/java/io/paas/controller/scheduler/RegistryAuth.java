package io.paas.controller.scheduler;

/** Credentials the engine sends to a registry for one pull; never logged. */
public record RegistryAuth(String registry, String username, String password) {
    @Override
    public String toString() {
        return "RegistryAuth[" + registry + ", " + username + "]";
    }
}
