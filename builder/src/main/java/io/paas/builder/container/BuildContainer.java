package io.paas.builder.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ulimit;
import com.github.dockerjava.api.model.Volume;
import io.paas.builder.build.BuildFailure;
import io.paas.builder.build.BuildOutput;
import io.paas.client.isolation.UserNamespaces;
import io.paas.engine.ContainerExit;
import io.paas.engine.ImagePuller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs the buildpacks (/buildpacks/bin/build) over a source dir in a limited container of the build image. */
public class BuildContainer {
    /**
     * What one build container gets; paths are on the host. buildpacks are bin/build's BUILDPACKS
     * lines (the ones the app names, checked), empty to detect; stack is the app's, image its build image.
     */
    public record Spec(String name, String stack, String image, Map<String, String> labels, Path appDir,
                       Path cacheDir, Path envDir, Path buildpacksDir, List<String> buildpacks) {
    }

    static final Path CA_BUNDLE = Path.of("/etc/ssl/certs/ca-certificates.crt");
    /**
     * Root of a build container is this host uid (and the 65535 after it): not root on the host, and
     * apart from every app's processes. Builds of all apps share it: each sees only its own mounts,
     * in a pid namespace of its own.
     */
    static final int HOST_UID = Math.toIntExact(UserNamespaces.BUILDS);
    /**
     * The build's output goes through a pipe made inside the container. The engine's own stdio pipes
     * are host root's with mode 0600 (podman#16027): in a user namespace a buildpack that opens
     * /dev/stdout or /dev/stderr by path (`echo x > /dev/stderr`, a tool's log file) would get
     * EACCES. Both streams were shown to the git client as one already. (App containers run what
     * their image says, with no shell to count on: the controller opens their pipes from the host.)
     */
    static final List<String> COMMAND = List.of("/bin/bash", "-c", "set -o pipefail; /buildpacks/bin/build 2>&1 | cat");
    private static final Logger LOG = LoggerFactory.getLogger(BuildContainer.class);

    private final DockerClient docker;
    private final Duration timeout;
    private final boolean userNamespace;

    /** Builds in a user namespace, as on the platform's Podman. */
    public BuildContainer(DockerClient docker, Duration timeout) {
        this(docker, timeout, true);
    }

    /** @param userNamespace false on an engine without per-container user namespaces (Docker) */
    public BuildContainer(DockerClient docker, Duration timeout, boolean userNamespace) {
        this.docker = docker;
        this.timeout = timeout;
        this.userNamespace = userNamespace;
    }

    /** Pulls the build's stack image unless the engine has it, saying so in the push's output. */
    public static void ensureImage(DockerClient docker, String image, BuildOutput out) throws BuildFailure {
        ImagePuller puller = new ImagePuller(docker);
        if (puller.isPresent(image)) {
            return;
        }
        out.line("-----> Pulling " + image);
        try {
            puller.pull(image, null);
        } catch (ImagePuller.PullFailure e) {
            out.line(" !     Cannot pull " + image + ": " + e.reason());
            throw new BuildFailure("cannot pull the stack image " + image);
        }
    }

    /** Runs the build to its end, streaming its output line by line; answers the exit code. */
    public int run(Spec spec, BuildOutput out) throws BuildFailure {
        List<Bind> binds = new ArrayList<>(List.of(
                new Bind(spec.appDir().toString(), new Volume("/app"), AccessMode.rw),
                new Bind(spec.cacheDir().toString(), new Volume("/cache"), AccessMode.rw),
                new Bind(spec.envDir().toString(), new Volume("/env"), AccessMode.ro),
                new Bind(spec.buildpacksDir().toString(), new Volume("/buildpacks"), AccessMode.ro)));
        if (Files.isRegularFile(CA_BUNDLE)) {
            // builds behind a TLS-inspecting proxy (npm, Maven) need the host's trusted CAs
            binds.add(new Bind(CA_BUNDLE.toString(), new Volume(CA_BUNDLE.toString()), AccessMode.ro));
        }
        return run(new Job(spec.name(), spec.image(), spec.labels(), env(spec), COMMAND, binds,
                List.of(spec.appDir(), spec.cacheDir(), spec.envDir()), List.of()), out, out);
    }

    /**
     * One confined run of a build image: binds are host paths, handedOver the dirs (walked) that
     * become the namespace root's first, added the capabilities it gets beyond the engine's
     * defaults (inside its user namespace only).
     */
    record Job(String name, String image, Map<String, String> labels, List<String> env, List<String> command,
               List<Bind> binds, List<Path> handedOver, List<Capability> added) {
    }

    /**
     * Runs the job to its end, streaming its output line by line to lines (the platform's own
     * notes, a pull or a time limit, go to out); answers the exit code.
     */
    int run(Job job, BuildOutput lines, BuildOutput out) throws BuildFailure {
        ensureImage(docker, job.image(), out);
        if (userNamespace) {
            handOver(job.handedOver());
        }
        String id = docker.createContainerCmd(job.image())
                .withName(job.name())
                .withLabels(job.labels())
                .withEnv(job.env())
                .withCmd(job.command())
                .withTty(false)
                .withHostConfig(hostConfig(job))
                .exec()
                .getId();
        try {
            docker.startContainerCmd(id).exec();
            followLogs(id, lines, out);
            return ContainerExit.await(docker, id, Duration.ofSeconds(10)).orElseThrow(() ->
                    new BuildFailure("the container engine did not say how the build ended"));
        } finally {
            remove(id);
        }
    }

    private static List<String> env(Spec spec) {
        List<String> env = new ArrayList<>(List.of("BUILD_DIR=/app", "CACHE_DIR=/cache", "ENV_DIR=/env",
                "STACK=" + spec.stack(), "NODE_EXTRA_CA_CERTS=" + CA_BUNDLE));
        if (!spec.buildpacks().isEmpty()) {
            env.add("BUILDPACKS=" + String.join("\n", spec.buildpacks()));
        }
        return env;
    }

    /**
     * The build writes its source and cache dirs and reads its config as the namespace's root: they
     * become that host uid's (the cache keeps it from one build to the next, so only new files are
     * changed). The builder, root on the host, reads and removes them as before.
     */
    private static void handOver(List<Path> dirs) throws BuildFailure {
        for (Path dir : dirs) {
            if (!Files.exists(dir)) {
                continue;
            }
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : (Iterable<Path>) paths::iterator) {
                    if ((Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS) != HOST_UID) {
                        Files.setAttribute(path, "unix:uid", HOST_UID, LinkOption.NOFOLLOW_LINKS);
                        Files.setAttribute(path, "unix:gid", HOST_UID, LinkOption.NOFOLLOW_LINKS);
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw new BuildFailure("cannot hand " + dir + " to the build's user: " + e.getMessage());
            }
        }
    }

    private HostConfig hostConfig(Job job) {
        HostConfig host = HostConfig.newHostConfig()
                .withBinds(job.binds())
                // The engine's default bridge, as app containers get: the build reaches the outside
                // (npm, Maven Central, Debian, buildpack URLs) but not the machine's loopback, where
                // the platform's registry (every app's image), controller and builder listen.
                .withMemory(BuildLimits.MEMORY)
                .withMemorySwap(BuildLimits.MEMORY)
                .withCpuPeriod(BuildLimits.CPU_PERIOD)
                .withCpuQuota(BuildLimits.CPU_QUOTA)
                .withUlimits(List.of(new Ulimit("nofile", 1024L, 1024L), new Ulimit("nproc", 4096L, 4096L)))
                // as app containers: no forged packets, setuid binaries give nothing
                .withCapDrop(Capability.NET_RAW)
                .withSecurityOpts(List.of("no-new-privileges"));
        if (!job.added().isEmpty()) {
            host.withCapAdd(job.added().toArray(Capability[]::new));
        }
        if (userNamespace) {
            host.withUsernsMode(UserNamespaces.podmanMode(HOST_UID));
        }
        return host;
    }

    private void followLogs(String id, BuildOutput output, BuildOutput out) throws BuildFailure {
        LineSplitter lines = new LineSplitter(output::line);
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                lines.accept(frame.getPayload());
            }
        };
        docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true).exec(callback);
        try {
            if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                out.line(BuildLimits.timedOut(timeout));
                throw new BuildFailure("build timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildFailure("interrupted");
        } finally {
            closeQuietly(callback);
            lines.finish();
        }
    }

    private void remove(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (RuntimeException e) {
            LOG.warn("cannot remove build container {}: {}", id, e.getMessage());
        }
    }

    private static void closeQuietly(ResultCallback.Adapter<Frame> callback) {
        try {
            callback.close();
        } catch (Exception e) {
            // nothing left to read
        }
    }
}
