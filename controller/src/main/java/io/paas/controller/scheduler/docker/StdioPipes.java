package io.paas.controller.scheduler.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Makes /dev/stdout and /dev/stderr openable in a container with a user namespace. Podman's conmon
 * gives the container pipes that host root owns with mode 0600; the namespace's root is not host
 * root, so a process that opens /dev/stdout (nginx's log, `echo x > /dev/stderr`) gets EACCES,
 * where Docker's runc would have handed the pipes to the container's user (podman#16027). Between
 * the engine's init (conmon and the runtime's process are there, the command has not run) and its
 * start, the pipes of the container's first process are opened for writing to every uid.
 * This needs the engine on this machine and the controller as root, as the platform runs; without
 * either, containers still run, only such opens keep failing.
 */
final class StdioPipes {
    private static final Logger LOG = Logger.getLogger(StdioPipes.class);
    private static final Set<PosixFilePermission> WRITE_FOR_ALL =
            Set.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    private final DockerClient docker;
    private volatile boolean warned;

    StdioPipes(DockerClient docker) {
        this.docker = docker;
    }

    /** Initializes the created container (Podman's libpod API) and opens its stdio pipes; false when it could not. */
    boolean prepare(String containerId) {
        if (!(docker instanceof DockerClientImpl impl)) {
            return false;
        }
        DockerHttpClient.Request init = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.POST)
                .path("/v4.0.0/libpod/containers/" + containerId + "/init")
                .build();
        try (DockerHttpClient.Response response = impl.getHttpClient().execute(init)) {
            int status = response.getStatusCode();
            if (status == 404 || status == 405) {
                warnOnce("the engine answered " + status + " to libpod's init (not Podman?)");
            }
            if (status >= 300 && status != 304) {
                // a failed init (a port in use ...) fails the start too, which says why
                return false;
            }
        } catch (RuntimeException e) {
            // the engine went away: the start that follows says so
            return false;
        }
        Long pid = docker.inspectContainerCmd(containerId).exec().getState().getPidLong();
        if (pid == null || pid <= 0) {
            return false;
        }
        for (int fd = 1; fd <= 2; fd++) {
            Path link = Path.of("/proc", Long.toString(pid), "fd", Integer.toString(fd));
            try {
                if (Files.readSymbolicLink(link).toString().startsWith("pipe:")) {
                    Set<PosixFilePermission> mode = Files.getPosixFilePermissions(link);
                    if (!mode.containsAll(WRITE_FOR_ALL)) {
                        mode.addAll(WRITE_FOR_ALL);
                        Files.setPosixFilePermissions(link, mode);
                    }
                }
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                warnOnce("cannot open the stdio pipes of process " + pid + ": " + e);
                return false;
            }
        }
        return true;
    }

    private void warnOnce(String why) {
        if (!warned) {
            warned = true;
            LOG.warnf("containers in user namespaces cannot open /dev/stdout and /dev/stderr: %s", why);
        }
    }
}
