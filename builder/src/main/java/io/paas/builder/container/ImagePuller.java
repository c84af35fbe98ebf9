package io.paas.builder.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.PullResponseItem;
import io.paas.builder.build.BuildFailure;
import io.paas.builder.build.BuildOutput;

import java.util.concurrent.TimeUnit;

/** Pulls an image unless the engine has it already. */
public class ImagePuller {
    private final DockerClient docker;

    public ImagePuller(DockerClient docker) {
        this.docker = docker;
    }

    public void ensure(String image, BuildOutput out) throws BuildFailure {
        try {
            docker.inspectImageCmd(image).exec();
            return;
        } catch (NotFoundException e) {
            // pull below
        }
        out.line("-----> Pulling " + image);
        // Podman answers 200 and puts a failed pull's error in the stream: watch every item
        StringBuilder error = new StringBuilder();
        ResultCallback.Adapter<PullResponseItem> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(PullResponseItem item) {
                if (item.isErrorIndicated()) {
                    error.append(item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                            ? item.getErrorDetail().getMessage() : item.getError());
                }
            }
        };
        try {
            docker.pullImageCmd(image).exec(callback);
            if (!callback.awaitCompletion(30, TimeUnit.MINUTES)) {
                throw new BuildFailure("pulling " + image + " timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildFailure("interrupted");
        } catch (RuntimeException e) {
            error.append(e.getMessage());
        }
        if (error.length() > 0) {
            out.line(" !     Cannot pull " + image + ": " + error);
            throw new BuildFailure("cannot pull the stack image " + image);
        }
    }
}
