package io.paas.controller.scheduler;

/** An image could not be pulled (unknown image, registry down, not trusted ...). */
public class ImagePullException extends EngineException {
    private final String image;

    public ImagePullException(String image, String reason) {
        super("cannot pull image " + image + ": " + reason);
        this.image = image;
    }

    public String image() {
        return image;
    }
}
