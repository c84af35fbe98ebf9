package io.paas.controller.builds;

/**
 * A build was recorded, and its release then failed: the failure, answered as it is, names the build
 * too, so that the builder can still store the build's output with it.
 */
public class BuildNotReleased extends RuntimeException {
    private final String buildId;

    public BuildNotReleased(String buildId, RuntimeException failure) {
        super(failure.getMessage(), failure);
        this.buildId = buildId;
    }

    public String buildId() {
        return buildId;
    }

    public RuntimeException failure() {
        return (RuntimeException) getCause();
    }
}
