package io.paas.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PullResponseItem;

import java.util.concurrent.TimeUnit;

/**
 * Pulls an image unless the engine already has it, for the controller's engine and the builder
 * alike. Podman answers 200 to a failed pull and puts the error in the stream, where docker-java's
 * own callback trips over it with an NPE: this reads the stream itself and turns any error item
 * into a {@link PullFailure}.
 */
public final class ImagePuller {
    private static final long PULL_TIMEOUT_MINUTES = 10;

    private final DockerClient docker;

    /** A registry's login for a pull. */
    public record Login(String registry, String username, String password) {
    }

    /** An image could not be pulled (unknown image, registry down, not trusted ...): the reason in the engine's words. */
    public static final class PullFailure extends RuntimeException {
        private final String image;
        private final String reason;

        PullFailure(String image, String reason) {
            super("cannot pull image " + image + ": " + reason);
            this.image = image;
            this.reason = reason;
        }

        public String image() {
            return image;
        }

        public String reason() {
            return reason;
        }
    }

    public ImagePuller(DockerClient docker) {
        this.docker = docker;
    }

    /** login: null for none. */
    public void ensurePresent(String image, Login login) {
        if (!isPresent(image)) {
            pull(image, login);
        }
    }

    public boolean isPresent(String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** Pulls even when the engine has that name (a tag that moved); login: null for none. */
    public void pull(String image, Login login) {
        ImageRef ref = ImageRef.parse(image);
        ErrorCatchingCallback callback = new ErrorCatchingCallback();
        try {
            PullImageCmd pull = docker.pullImageCmd(ref.repository()).withTag(ref.tagOrDigest());
            if (login != null) {
                pull.withAuthConfig(new AuthConfig().withRegistryAddress(login.registry())
                        .withUsername(login.username()).withPassword(login.password()));
            }
            pull.exec(callback);
            if (!callback.awaitCompletion(PULL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                callback.close();
                throw new PullFailure(image, "no answer after " + PULL_TIMEOUT_MINUTES + " minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PullFailure(image, "interrupted");
        } catch (DockerException e) {
            throw new PullFailure(image, EngineMessages.of(e));
        } catch (java.io.IOException e) {
            throw new PullFailure(image, e.getMessage());
        }
        if (callback.error != null) {
            throw new PullFailure(image, callback.error);
        }
        if (!isPresent(image)) {
            throw new PullFailure(image, "the engine reported no error but does not have the image");
        }
    }

    private static final class ErrorCatchingCallback extends ResultCallback.Adapter<PullResponseItem> {
        private volatile String error;

        @Override
        public void onNext(PullResponseItem item) {
            if (item != null && item.isErrorIndicated() && error == null) {
                error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                        ? item.getErrorDetail().getMessage()
                        : item.getError();
            }
        }

        @Override
        public void onError(Throwable throwable) {
            if (error == null) {
                error = throwable instanceof DockerException de ? EngineMessages.of(de) : String.valueOf(throwable.getMessage());
            }
            try {
                close();
            } catch (java.io.IOException ignored) {
                // the stream is gone either way
            }
        }
    }

    /** "host:port/name@sha256:..." or "host:port/name:tag" split the way the pull endpoint wants it. */
    public record ImageRef(String repository, String tagOrDigest) {
        public static ImageRef parse(String image) {
            int at = image.indexOf('@');
            if (at >= 0) {
                return new ImageRef(image.substring(0, at), image.substring(at + 1));
            }
            int slash = image.lastIndexOf('/');
            int colon = image.lastIndexOf(':');
            if (colon > slash) {
                return new ImageRef(image.substring(0, colon), image.substring(colon + 1));
            }
            // without a tag the pull endpoint would fetch every tag
            return new ImageRef(image, "latest");
        }
    }
}
