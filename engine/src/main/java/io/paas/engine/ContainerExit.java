package io.paas.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.model.WaitResponse;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * A container's exit status, waited for. The wait's answer can carry an Error beside its StatusCode:
 * Podman 4 answers {"StatusCode":0,"Error":{"Message":"... no such container"}} when the container
 * was removed while waited on (ps:stop removes what it stops). That 0 is no status: it is read here
 * as none, so a stopped process is never said to have exited with 0.
 */
public final class ContainerExit {
    private ContainerExit() {
    }

    /** The status, or empty when the wait timed out, failed, or the engine says it could not see the end. */
    public static OptionalInt await(DockerClient docker, String containerId, Duration timeout) {
        Answer answer = new Answer();
        try {
            Integer code = docker.waitContainerCmd(containerId).exec(answer)
                    .awaitStatusCode(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return code == null || answer.failed() ? OptionalInt.empty() : OptionalInt.of(code);
        } catch (RuntimeException timedOutOrGone) {
            return OptionalInt.empty();
        }
    }

    private static final class Answer extends WaitContainerResultCallback {
        private volatile WaitResponse response;

        @Override
        public void onNext(WaitResponse item) {
            response = item;
            super.onNext(item);
        }

        boolean failed() {
            WaitResponse seen = response;
            Object error = seen == null ? null : seen.getRawValues().get("Error");
            return error != null;
        }
    }
}
