package io.paas.builder.build;

/** Builds and releases one pushed commit; returning normally accepts the push. */
public interface BuildRunner {
    void build(BuildRequest request, BuildOutput out) throws BuildFailure;
}
