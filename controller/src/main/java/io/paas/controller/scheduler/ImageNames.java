package io.paas.controller.scheduler;

/** How both engines read an image's name. */
public final class ImageNames {
    private ImageNames() {
    }

    /**
     * The image as the engine pulls it: a name without a registry host (a first part with a dot, a
     * colon or "localhost") comes from the platform's registry; none given: as it is.
     */
    public static String qualify(String registry, String image) {
        if (registry == null || registry.isBlank()) {
            return image;
        }
        return registryOf(image) != null ? image : registry + "/" + image;
    }

    /** The registry host[:port] the name starts with, as engines read it; null when it names none (Docker Hub's). */
    public static String registryOf(String image) {
        int slash = image.indexOf('/');
        String first = slash < 0 ? "" : image.substring(0, slash);
        return first.contains(".") || first.contains(":") || first.equals("localhost") ? first : null;
    }
}
