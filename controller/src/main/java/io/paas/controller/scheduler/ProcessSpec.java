package io.paas.controller.scheduler;

import java.util.Map;

/**
 * One container the desired state asks for: process {@code type}.{@code index} of {@code release}.
 * {@code generation} grows with each `ps:restart`, so a restart means new containers like a new
 * release does. {@code env} already holds PORT and the release's config vars. Zero limits mean none.
 * An empty command runs the image's own ENTRYPOINT/CMD; otherwise {@code shell} says whether it runs
 * through /bin/sh -c in the image (Dockerfile and prebuilt images) or as the argument of the slug
 * image's entrypoint (paas-launch, which runs it through bash). {@code pullAuth}: the app's login
 * for the image's registry (`paas registry:login`), sent when the engine has to pull it; null for none.
 * {@code healthPath}: the path of the process type's HTTP health check (`paas healthchecks`), null for
 * the TCP check; an engine whose own probes tell readiness (Kubernetes) probes it there.
 * {@code appId}: the app's number, which fixes its user namespace (see {@link io.paas.controller.scheduler.docker.Confinement#hostUid} on the Docker-API engine).
 */
public record ProcessSpec(String app, String type, int index, int release, int generation, String image,
                          String command, Map<String, String> env, long memoryBytes, long nanoCpus,
                          boolean shell, RegistryAuth pullAuth, long appId, String healthPath) {

    public ProcessSpec(String app, String type, int index, int release, int generation, String image,
                       String command, Map<String, String> env, long memoryBytes, long nanoCpus,
                       boolean shell, RegistryAuth pullAuth, long appId) {
        this(app, type, index, release, generation, image, command, env, memoryBytes, nanoCpus, shell, pullAuth,
                appId, null);
    }

    public ProcessSpec(String app, String type, int index, int release, String image, String command,
                       Map<String, String> env, long memoryBytes) {
        this(app, type, index, release, 0, image, command, env, memoryBytes, 0, false, null, 0);
    }

    public boolean isWeb() {
        return "web".equals(type);
    }

    /** Identity used to match desired against observed containers. */
    public String key() {
        return key(type, index, release, generation);
    }

    static String key(String type, int index, int release, int generation) {
        return type + "." + index + "@v" + release + (generation == 0 ? "" : "g" + generation);
    }
}
