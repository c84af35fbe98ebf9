package io.paas.builder.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ulimit;
import com.github.dockerjava.api.model.Volume;
import io.paas.builder.build.BuildFailure;
import io.paas.builder.build.BuildOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the buildpacks (/buildpacks/bin/build) over a source dir in a limited container of the build image. */
public class BuildContainer {
    /**
     * What one build container gets; paths are on the host. buildpacks are bin/build's BUILDPACKS
     * lines (the ones the app names, checked), empty to detect.
     */
    public record Spec(String name, String image, Map<String, String> labels, Path appDir, Path cacheDir,
                       Path envDir, Path buildpacksDir, List<String> buildpacks) {
    }

    static final Path CA_BUNDLE = Path.of("/etc/ssl/certs/ca-certificates.crt");
    private static final Logger LOG = LoggerFactory.getLogger(BuildContainer.class);

    private final DockerClient docker;
    private final Duration timeout;

    public BuildContainer(DockerClient docker, Duration timeout) {
        this.docker = docker;
        this.timeout = timeout;
    }

    /** Runs the build to its end, streaming its output line by line; answers the exit code. */
    public int run(Spec spec, BuildOutput out) throws BuildFailure {
        new ImagePuller(docker).ensure(spec.image(), out);
        String id = docker.createContainerCmd(spec.image())
                .withName(spec.name())
                .withLabels(spec.labels())
                .withEnv(env(spec))
                .withCmd("/buildpacks/bin/build")
                .withTty(false)
                .withHostConfig(hostConfig(spec))
                .exec()
                .getId();
        try {
            docker.startContainerCmd(id).exec();
            followLogs(id, out);
            return docker.waitContainerCmd(id).start().awaitStatusCode(10, TimeUnit.SECONDS);
        } finally {
            remove(id);
        }
    }

    private static List<String> env(Spec spec) {
        List<String> env = new ArrayList<>(List.of("BUILD_DIR=/app", "CACHE_DIR=/cache", "ENV_DIR=/env",
                "STACK=bookworm", "NODE_EXTRA_CA_CERTS=" + CA_BUNDLE));
        if (!spec.buildpacks().isEmpty()) {
            env.add("BUILDPACKS=" + String.join("\n", spec.buildpacks()));
        }
        return env;
    }

    private static HostConfig hostConfig(Spec spec) {
        List<Bind> binds = new ArrayList<>(List.of(
                new Bind(spec.appDir().toString(), new Volume("/app"), AccessMode.rw),
                new Bind(spec.cacheDir().toString(), new Volume("/cache"), AccessMode.rw),
                new Bind(spec.envDir().toString(), new Volume("/env"), AccessMode.ro),
                new Bind(spec.buildpacksDir().toString(), new Volume("/buildpacks"), AccessMode.ro)));
        if (Files.isRegularFile(CA_BUNDLE)) {
            // builds behind a TLS-inspecting proxy (npm, Maven) need the host's trusted CAs
            binds.add(new Bind(CA_BUNDLE.toString(), new Volume(CA_BUNDLE.toString()), AccessMode.ro));
        }
        return HostConfig.newHostConfig()
                .withBinds(binds)
                .withNetworkMode("host")
                .withMemory(BuildLimits.MEMORY)
                .withMemorySwap(BuildLimits.MEMORY)
                .withCpuPeriod(BuildLimits.CPU_PERIOD)
                .withCpuQuota(BuildLimits.CPU_QUOTA)
                .withUlimits(List.of(new Ulimit("nofile", 1024L, 1024L), new Ulimit("nproc", 4096L, 4096L)));
    }

    private void followLogs(String id, BuildOutput out) throws BuildFailure {
        LineSplitter lines = new LineSplitter(out::line);
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
