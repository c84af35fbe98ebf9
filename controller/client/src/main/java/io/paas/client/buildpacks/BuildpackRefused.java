package io.paas.client.buildpacks;

/** A buildpack a user named that the platform will not use; the message says why and what to give instead. */
public class BuildpackRefused extends Exception {
    public BuildpackRefused(String message) {
        super(message);
    }
}
