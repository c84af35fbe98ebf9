package io.paas.builder.build;

/** A build that must not be deployed; the message becomes git's "[remote rejected]" reason. */
public class BuildFailure extends Exception {
    public BuildFailure(String message) {
        super(message);
    }
}
