package io.paas.controller.scheduler;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.PullImageCmd;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PullResponseItem;

import java.util.concurrent.TimeUnit;

/**
 * Pulls an image unless the engine already has it. Podman answers 200 to a failed pull and puts
 * the error in the stream, where docker-java's own callback trips over it with an NPE: this reads
 * the stream itself and turns any error item into an {@link ImagePullException}.
 */
final class ImagePuller {
    private static final long PULL_TIMEOUT_MINUTES = 10;

    private final DockerClient docker;

    ImagePuller(DockerClient docker) {
        this.docker = docker;
    }

    void ensurePresent(String image, RegistryAuth auth) {
        if (!isPresent(image)) {
            pull(image, auth);
        }
    }

    boolean isPresent(String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    void pull(String image, RegistryAuth auth) {
        ImageRef ref = ImageRef.parse(image);
        ErrorCatchingCallback callback = new ErrorCatchingCallback();
        try {
            PullImageCmd pull = docker.pullImageCmd(ref.repository()).withTag(ref.tagOrDigest());
            if (auth != null) {
                pull.withAuthConfig(new AuthConfig().withRegistryAddress(auth.registry())
                        .withUsername(auth.username()).withPassword(auth.password()));
            }
            pull.exec(callback);
            if (!callback.awaitCompletion(PULL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                callback.close();
                throw new ImagePullException(image, "no answer after " + PULL_TIMEOUT_MINUTES + " minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImagePullException(image, "interrupted");
        } catch (DockerException e) {
            throw new ImagePullException(image, EngineMessages.of(e));
        } catch (java.io.IOException e) {
            throw new ImagePullException(image, e.getMessage());
        }
        if (callback.error != null) {
            throw new ImagePullException(image, callback.error);
        }
        if (!isPresent(image)) {
            throw new ImagePullException(image, "the engine reported no error but does not have the image");
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
    record ImageRef(String repository, String tagOrDigest) {
        static ImageRef parse(String image) {
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
