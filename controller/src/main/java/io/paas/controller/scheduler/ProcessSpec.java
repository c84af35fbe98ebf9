package io.paas.controller.scheduler;

import java.util.Map;

/**
 * One container the desired state asks for: process {@code type}.{@code index} of {@code release}.
 * {@code env} already holds PORT and the release's config vars.
 */
public record ProcessSpec(String app, String type, int index, int release, String image, String command,
                          Map<String, String> env, long memoryBytes) {
    public boolean isWeb() {
        return "web".equals(type);
    }

    /** Identity used to match desired against observed containers. */
    public String key() {
        return type + "." + index + "@v" + release;
    }
}
