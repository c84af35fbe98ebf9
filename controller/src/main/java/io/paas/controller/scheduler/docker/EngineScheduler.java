package io.paas.controller.scheduler.docker;

import io.paas.controller.scheduler.ProcessLabels;
import io.paas.controller.scheduler.AttachedProcess;
import io.paas.controller.scheduler.EngineException;
import io.paas.controller.scheduler.ImageNames;
import io.paas.controller.scheduler.ImagePullException;
import io.paas.controller.scheduler.OneOffProcess;
import io.paas.controller.scheduler.OneOffResult;
import io.paas.controller.scheduler.OutputLine;
import io.paas.controller.scheduler.ProcessEnd;
import io.paas.controller.scheduler.ProcessEvent;
import io.paas.controller.scheduler.ProcessUsage;
import io.paas.controller.scheduler.PulledImage;
import io.paas.controller.scheduler.RegistryAuth;
import io.paas.controller.scheduler.ProcessSpec;
import io.paas.controller.scheduler.RunningProcess;
import io.paas.controller.scheduler.Scheduler;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerConfig;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.LogConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Ulimit;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.paas.engine.ContainerExit;
import io.paas.engine.EngineMessages;
import io.paas.engine.ImagePuller;
import org.jboss.logging.Logger;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The scheduler for one machine: runs each process as a container through the Docker API, which
 * Podman (the embedded default) and Docker both serve. Containers carry the platform's labels so
 * that several platforms (and tests) share one engine without touching each other's containers.
 */
public class EngineScheduler implements Scheduler, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EngineScheduler.class);
    static final String API_VERSION = "1.41";
    private static final int DEFAULT_PORT = 5000;
    private static final long FAST_PROBE_MILLIS = 25;
    private static final long SLOW_PROBE_MILLIS = 100;
    private static final long STATE_CHECK_MILLIS = 100;
    private static final int PORT_ATTEMPTS = 3;
    private static final int REMOVE_ATTEMPTS = 20;
    private static final long REMOVE_RETRY_MILLIS = 100;
    /** The exit status of a process ended by SIGTERM (128 + 15). */
    private static final int STOPPED_STATUS = 143;

    private final DockerClient docker;
    private final ProcessContainers containers;
    private final ImagePuller puller;
    private final String registry;
    private final String platformId;
    private final String engineName;
    private final Confinement confinement;
    private final StdioPipes stdio;
    private final ContainerStats stats;
    /**
     * Podman 4.3 deadlocked (every later call hung, then the service died) when containers with an
     * auto user namespace on the apps' network were created, initialized and started several at
     * once (scale web=1->5: 3 times in about 6 runs): with user namespaces those steps go one
     * container at a time; readiness is still awaited in parallel.
     */
    private final Object oneAtATime = new Object();
    private final ReadinessProbe probe = new ReadinessProbe();
    /** Where the engine writes each process container's output; null: the engine's own place, not followed. */
    private final Path outputDir;
    /** The engine's address, for attaching to one-off processes on connections of their own; null: not attachable. */
    private final String dockerHost;
    private ContainerLogFiles output;

    /**
     * Confined as on the platform's Podman, on the engine's default network.
     *
     * @param docker     the engine; closed by {@link #close()}
     * @param platformId value of the paas.platform label this scheduler owns
     * @param registry   host:port that image references without a registry are taken from; may be null
     */
    public EngineScheduler(DockerClient docker, String platformId, String registry) {
        this(docker, platformId, registry, new Confinement(null, true), "the container engine", null);
    }

    /**
     * @param dockerHost e.g. unix:///home/me/.paas-platform/podman/podman.sock (PAAS_DOCKER_HOST)
     * @param outputDir  where the engine writes the containers' output for {@link #followOutput}
     */
    public EngineScheduler(String dockerHost, String platformId, String registry, Confinement confinement,
                           Path outputDir) {
        this(connect(dockerHost), platformId, registry, confinement, "the container engine at " + dockerHost, outputDir,
                dockerHost);
    }

    EngineScheduler(DockerClient docker, String platformId, String registry, Confinement confinement,
                    String engineName, Path outputDir) {
        this(docker, platformId, registry, confinement, engineName, outputDir, null);
    }

    private EngineScheduler(DockerClient docker, String platformId, String registry, Confinement confinement,
                            String engineName, Path outputDir, String dockerHost) {
        this.dockerHost = dockerHost;
        this.outputDir = outputDir;
        this.docker = docker;
        this.confinement = confinement;
        this.stdio = new StdioPipes(docker);
        this.stats = new ContainerStats(docker);
        this.containers = new ProcessContainers(platformId, confinement.label());
        this.puller = new ImagePuller(docker);
        this.registry = registry;
        this.platformId = platformId;
        this.engineName = engineName;
    }

    public static DockerClient connect(String dockerHost) {
        DockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(dockerHost)
                .withApiVersion(API_VERSION)
                .build();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(64)
                .connectionTimeout(Duration.ofSeconds(10))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    @Override
    public RunningProcess start(ProcessSpec spec) {
        return engine(() -> startContainer(spec));
    }

    private RunningProcess startContainer(ProcessSpec spec) {
        String image = qualify(spec.image());
        puller.ensurePresent(image, login(spec.pullAuth()));
        String name = containers.name(spec);
        synchronized (confinement.userNamespaces() ? oneAtATime : new Object()) {
            return createAndStart(spec, image, name);
        }
    }

    private RunningProcess createAndStart(ProcessSpec spec, String image, String name) {
        for (int attempt = 1; ; attempt++) {
            String id = create(spec, image, name);
            try {
                prepareStdio(id);
                docker.startContainerCmd(id).exec();
            } catch (NotModifiedException alreadyStarted) {
                // fine: someone started it between create and start
            } catch (DockerException e) {
                removeQuietly(id);
                // The engine picks the published port at random; with hundreds of containers and
                // the machine's own connections, it now and then picks one in use: a new container
                // gets another.
                if (attempt < PORT_ATTEMPTS && EngineMessages.mentions(e, "address already in use")) {
                    continue;
                }
                throw new EngineException("cannot start " + spec.app() + " " + spec.type() + "." + spec.index()
                        + ": " + EngineMessages.of(e), e);
            }
            return containers.fromInspect(spec, docker.inspectContainerCmd(id).exec());
        }
    }

    private void prepareStdio(String containerId) {
        if (confinement.userNamespaces()) {
            stdio.prepare(containerId);
        }
    }

    private String create(ProcessSpec spec, String image, String name) {
        try {
            return createCmd(spec, image, name).exec().getId();
        } catch (ConflictException | InternalServerErrorException e) {
            // Docker answers 409 for a name in use, Podman 500: a leftover (e.g. an exited
            // container of the same key the plan replaces) is removed, then create once more.
            // A running one is serving (one made under an older confinement, which the plan stops
            // once its successor is routed): the successor takes another name.
            if (!EngineMessages.mentions(e, "already in use")) {
                throw new EngineException("cannot create " + name + ": " + EngineMessages.of(e), e);
            }
            String successor = name;
            if ("running".equals(stateOf(name))) {
                successor = name + "-" + ProcessContainers.uniqueSuffix();
            } else {
                removeQuietly(name);
            }
            try {
                return createCmd(spec, image, successor).exec().getId();
            } catch (DockerException again) {
                throw new EngineException("cannot create " + name + ": " + EngineMessages.of(again), again);
            }
        } catch (DockerException e) {
            throw new EngineException("cannot create " + name + ": " + EngineMessages.of(e), e);
        }
    }

    private CreateContainerCmd createCmd(ProcessSpec spec, String image, String name) {
        List<String> env = new ArrayList<>();
        spec.env().forEach((k, v) -> env.add(k + "=" + v));
        HostConfig host = confinement.apply(HostConfig.newHostConfig()
                .withInit(true)
                .withUlimits(List.of(new Ulimit("nofile", 1024L, 1024L), new Ulimit("nproc", 4096L, 4096L)))
                .withRestartPolicy(RestartPolicy.noRestart()), spec.appId());
        limit(host, spec);
        if (outputDir != null) {
            host.withLogConfig(new LogConfig(null, Map.of("path", outputFile(spec, name))));
        }
        CreateContainerCmd cmd = withCommand(docker.createContainerCmd(image)
                .withName(name)
                .withLabels(containers.labels(spec))
                .withEnv(env), spec);
        if (spec.isWeb()) {
            ExposedPort port = ExposedPort.tcp(port(spec.env()));
            cmd.withExposedPorts(port);
            host.withPortBindings(new PortBinding(Ports.Binding.bindIp(ProcessContainers.LOOPBACK), port));
        }
        return cmd.withHostConfig(host);
    }

    /** The spec's memory and CPU limits (zero: none). */
    private static void limit(HostConfig host, ProcessSpec spec) {
        if (spec.memoryBytes() > 0) {
            host.withMemory(spec.memoryBytes());
        }
        if (spec.nanoCpus() > 0) {
            host.withNanoCPUs(spec.nanoCpus());
        }
    }

    /**
     * The Procfile command goes to the image's entrypoint (paas-launch in slug images); an empty one
     * leaves the image's own ENTRYPOINT/CMD, which is how a Dockerfile's image runs. In an image
     * built from a Dockerfile (or deployed as it is) a Procfile command replaces both and runs
     * through /bin/sh -c, as Heroku runs Docker apps' commands: $PORT and config vars expand.
     */
    private static CreateContainerCmd withCommand(CreateContainerCmd cmd, ProcessSpec spec) {
        if (spec.command() == null || spec.command().isEmpty()) {
            return cmd;
        }
        return spec.shell() ? cmd.withEntrypoint("/bin/sh", "-c").withCmd(spec.command()) : cmd.withCmd(spec.command());
    }

    private String outputFile(ProcessSpec spec, String name) {
        try {
            return ContainerLogFiles.fileFor(outputDir, spec, name).toString();
        } catch (IOException e) {
            throw new EngineException("cannot make the folder for " + name + "'s output: " + e.getMessage(), e);
        }
    }

    /**
     * Follows every line the platform's process containers print, from the files the engine writes
     * them to (see {@link ContainerLogFiles}); nothing when this scheduler was given no folder for them.
     */
    @Override
    public synchronized Closeable followOutput(Consumer<List<OutputLine>> onLines) {
        if (outputDir == null) {
            return () -> { };
        }
        if (output != null) {
            throw new IllegalStateException("the containers' output is followed already");
        }
        try {
            output = new ContainerLogFiles(outputDir, onLines, this::exists);
        } catch (IOException e) {
            throw new EngineException("cannot follow the containers' output in " + outputDir + ": " + e.getMessage(), e);
        }
        output.start();
        ContainerLogFiles following = output;
        return () -> {
            synchronized (this) {
                following.close();
                output = null;
            }
        };
    }

    @Override
    public Map<String, ProcessUsage> usage(List<RunningProcess> processes) {
        return stats.of(processes.stream().filter(RunningProcess::isRunning).map(RunningProcess::containerId).toList());
    }

    private boolean exists(String containerName) {
        try {
            docker.inspectContainerCmd(containerName).exec();
            return true;
        } catch (NotFoundException gone) {
            return false;
        }
    }

    private static int port(Map<String, String> env) {
        try {
            return Integer.parseInt(env.getOrDefault("PORT", Integer.toString(DEFAULT_PORT)).trim());
        } catch (NumberFormatException e) {
            return DEFAULT_PORT;
        }
    }

    /**
     * Ready once the endpoint accepts a connection; false at the timeout, and at once when the
     * container is no longer running (see {@link #explainNotReady} for why). Most processes bind
     * their port within the first second, so that second is probed every 25 ms, then every 100 ms;
     * the engine is asked about the container every 100 ms. A process without a published port
     * is ready while it runs.
     */
    @Override
    public boolean awaitReady(RunningProcess process, Duration timeout) {
        return engine(() -> pollUntilReady(process, timeout));
    }

    private boolean pollUntilReady(RunningProcess process, Duration timeout) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        long nextStateCheck = started;
        while (true) {
            if (process.endpoint() != null && probe.answers(process.endpoint())) {
                return true;
            }
            long now = System.nanoTime();
            if (now >= nextStateCheck || process.endpoint() == null) {
                if (!"running".equals(stateOf(process.containerId()))) {
                    return false;
                }
                if (process.endpoint() == null) {
                    return true;
                }
                nextStateCheck = now + TimeUnit.MILLISECONDS.toNanos(STATE_CHECK_MILLIS);
            }
            if (now >= deadline) {
                return false;
            }
            long pause = now - started < TimeUnit.SECONDS.toNanos(1) ? FAST_PROBE_MILLIS : SLOW_PROBE_MILLIS;
            try {
                Thread.sleep(Math.max(1, Math.min(pause, TimeUnit.NANOSECONDS.toMillis(deadline - now))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /** The engine's state word for the container ("running", "exited" ...), or "removed". */
    private String stateOf(String containerId) {
        try {
            InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(containerId).exec().getState();
            return ProcessContainers.stateWord(state == null ? null : state.getStatus());
        } catch (NotFoundException e) {
            return "removed";
        }
    }

    @Override
    public Optional<ProcessEnd> ended(RunningProcess process) {
        return engine(() -> endOf(process.containerId()));
    }

    private Optional<ProcessEnd> endOf(String containerId) {
        InspectContainerResponse info;
        try {
            info = docker.inspectContainerCmd(containerId).exec();
        } catch (NotFoundException e) {
            return Optional.empty();
        }
        InspectContainerResponse.ContainerState state = info.getState();
        if (state == null || Boolean.TRUE.equals(state.getRunning()) || state.getExitCodeLong() == null) {
            return Optional.empty();
        }
        Instant started = ProcessContainers.time(state.getStartedAt());
        Instant finished = ProcessContainers.time(state.getFinishedAt());
        Duration ranFor = ProcessEnd.ranFor(started, finished);
        Long memory = info.getHostConfig() == null ? null : info.getHostConfig().getMemory();
        return Optional.of(new ProcessEnd(state.getExitCodeLong(), Boolean.TRUE.equals(state.getOOMKilled()), ranFor,
                memory == null ? 0 : memory));
    }

    /** The last lines the process wrote (stdout and stderr), to show when it did not become ready. */
    @Override
    public String recentLogs(RunningProcess process, int lines) {
        return engine(() -> readLogs(process, lines));
    }

    private String readLogs(RunningProcess process, int lines) {
        LastLines out = new LastLines(lines);
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                out.append(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
            }
        };
        try {
            docker.logContainerCmd(process.containerId()).withStdOut(true).withStdErr(true)
                    .exec(callback).awaitCompletion(10, TimeUnit.SECONDS);
        } catch (NotFoundException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(callback);
        }
        return out.toString();
    }

    /**
     * A sentence for users on why a process did not become ready: its state, exit code and
     * last log lines.
     */
    public String explainNotReady(RunningProcess process, int lines) {
        return engine(() -> explain(process, lines));
    }

    private String explain(RunningProcess process, int lines) {
        String what = process.type() + "." + process.index() + " (v" + process.release() + ")";
        String state = stateOf(process.containerId());
        String why = "running".equals(state) ? "did not accept connections on $PORT in time"
                : endOf(process.containerId()).map(ProcessEnd::reason).orElse("was " + state);
        String logs = recentLogs(process, lines).strip();
        return what + " " + why + (logs.isEmpty() ? " (no output)" : ", last output:\n" + logs);
    }

    @Override
    public void stop(RunningProcess process, Duration grace) {
        engine(() -> {
            stopAndRemove(process, grace);
            return null;
        });
    }

    private void stopAndRemove(RunningProcess process, Duration grace) {
        try {
            docker.stopContainerCmd(process.containerId()).withTimeout((int) Math.max(0, grace.toSeconds())).exec();
        } catch (NotFoundException gone) {
            return;
        } catch (NotModifiedException alreadyStopped) {
            // still to be removed
        } catch (DockerException e) {
            if (isNoSuchContainer(e)) {
                return;
            }
            // remove with force below kills it anyway
        }
        removeQuietly(process.containerId());
    }

    @Override
    public OneOffResult runOnce(ProcessSpec spec, Duration timeout) {
        return engine(() -> runToEnd(spec, timeout));
    }

    private OneOffResult runToEnd(ProcessSpec spec, Duration timeout) {
        String id = createOneOff(spec, false, false);
        try {
            synchronized (confinement.userNamespaces() ? oneAtATime : new Object()) {
                prepareStdio(id);
                docker.startContainerCmd(id).exec();
            }
            long started = System.nanoTime();
            // empty on timeout (killed below, reported as timed out) or when the engine did not see the end
            OptionalInt exit = ContainerExit.await(docker, id, timeout);
            Integer code = exit.isPresent() ? exit.getAsInt() : null;
            boolean timedOut = code == null && System.nanoTime() - started >= timeout.toNanos();
            if (code == null && !timedOut && !exists(id)) {
                // stopped from outside (ps:stop) and removed before its status was read: SIGTERM's
                code = STOPPED_STATUS;
            }
            String output = readLogs(new RunningProcess(id, id, spec.app(), spec.type(), 0,
                    spec.release(), "exited", null, null), 200);
            return new OneOffResult(code == null ? -1 : code, output, timedOut);
        } finally {
            removeQuietly(id);
        }
    }

    /**
     * A one-off container, created, not started. An attached one keeps its input open for its caller
     * and a TTY if asked, and its output goes to its caller only, as `heroku run` does (not to the
     * app's log: what is typed at a prompt is echoed).
     */
    private String createOneOff(ProcessSpec spec, boolean attached, boolean tty) {
        return createOneOff(spec, attached, tty, 0, 0);
    }

    /** rows x columns: a TTY's size, in the environment from the start. */
    private String createOneOff(ProcessSpec spec, boolean attached, boolean tty, int rows, int columns) {
        String image = qualify(spec.image());
        puller.ensurePresent(image, login(spec.pullAuth()));
        String name = containers.oneOffName(spec);
        List<String> env = new ArrayList<>();
        spec.env().forEach((k, v) -> env.add(k + "=" + v));
        HostConfig host = confinement.apply(HostConfig.newHostConfig()
                .withInit(true)
                .withUlimits(List.of(new Ulimit("nofile", 1024L, 1024L), new Ulimit("nproc", 4096L, 4096L))),
                spec.appId());
        limit(host, spec);
        if (attached) {
            host.withLogConfig(new LogConfig(LogConfig.LoggingType.NONE));
            if (tty && rows > 0 && columns > 0) {
                // The engine sizes the terminal only once the process started (a resize; Podman
                // ignores a size given at create): what reads the size at once finds it here, as on
                // Heroku's run.
                env.add("COLUMNS=" + columns);
                env.add("LINES=" + rows);
            }
        } else if (outputDir != null) {
            // its output joins the app's log too (app[release.1], app[run.1234])
            host.withLogConfig(new LogConfig(null, Map.of("path", outputFile(spec, name))));
        }
        CreateContainerCmd cmd = withCommand(docker.createContainerCmd(image).withName(name)
                .withLabels(containers.oneOffLabels(spec)).withEnv(env), spec).withHostConfig(host);
        if (attached) {
            cmd.withTty(tty).withStdinOpen(true).withStdInOnce(true)
                    .withAttachStdin(true).withAttachStdout(true).withAttachStderr(true);
            if (tty && !spec.env().containsKey("TERM")) {
                env.add("TERM=xterm-256color");
                cmd.withEnv(env);
            }
        }
        synchronized (confinement.userNamespaces() ? oneAtATime : new Object()) {
            return cmd.exec().getId();
        }
    }

    @Override
    public AttachedProcess attach(ProcessSpec spec, boolean tty, int rows, int columns) {
        if (dockerHost == null) {
            throw new EngineException("this engine scheduler was made without the engine's address: it cannot attach");
        }
        return engine(() -> {
            String id = createOneOff(spec, true, tty, rows, columns);
            EngineAttach streams = null;
            try {
                synchronized (confinement.userNamespaces() ? oneAtATime : new Object()) {
                    prepareStdio(id);
                }
                // attached before the start, so that no output is missed
                streams = EngineAttach.open(dockerHost, id, tty);
                docker.startContainerCmd(id).exec();
                EngineAttachedProcess process = new EngineAttachedProcess(id, spec.type() + "." + spec.index(), streams, tty);
                process.resize(rows, columns);
                return process;
            } catch (IOException e) {
                removeQuietly(id);
                throw new EngineException("cannot attach to " + spec.app() + " " + spec.type() + "." + spec.index()
                        + ": " + e.getMessage(), e);
            } catch (RuntimeException e) {
                if (streams != null) {
                    streams.close();
                }
                removeQuietly(id);
                throw e;
            }
        });
    }

    /** The engine's side of {@link AttachedProcess}: the attach connection, and the container by id. */
    private final class EngineAttachedProcess implements AttachedProcess {
        private final String id;
        private final String process;
        private final EngineAttach streams;
        private final boolean tty;

        EngineAttachedProcess(String id, String process, EngineAttach streams, boolean tty) {
            this.id = id;
            this.process = process;
            this.streams = streams;
            this.tty = tty;
        }

        @Override
        public String process() {
            return process;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            streams.write(bytes, offset, length);
        }

        @Override
        public void closeInput() throws IOException {
            streams.closeInput();
        }

        @Override
        public void resize(int rows, int columns) {
            if (!tty || rows <= 0 || columns <= 0) {
                return;
            }
            for (int attempt = 1; ; attempt++) {
                try {
                    docker.resizeContainerCmd(id).withSize(rows, columns).exec();
                    return;
                } catch (RuntimeException e) {
                    // Podman refuses now and then a resize of a container that just started; once more a
                    // moment later. A process that ended, or an engine that cannot: the old size stays.
                    if (attempt == 3) {
                        LOG.infof("resize of %s to %dx%d failed: %s", process, rows, columns, e.getMessage());
                        return;
                    }
                    pause(100);
                }
            }
        }

        @Override
        public void copyOutput(Output out) throws IOException {
            streams.copyOutput(out);
        }

        @Override
        public OptionalInt awaitExit(Duration timeout) {
            return ContainerExit.await(docker, id, timeout);
        }

        @Override
        public void close() {
            try {
                // removed first: its output then ends as it does when the process ends
                removeQuietly(id);
            } catch (RuntimeException e) {
                LOG.warnf("cannot remove the one-off container of %s: %s", process, e.getMessage());
            } finally {
                streams.close();
            }
        }
    }

    @Override
    public PulledImage pull(String image, RegistryAuth auth) {
        return engine(() -> pullPinned(image, auth));
    }

    @Override
    public void removeImage(String image) {
        engine(() -> {
            InspectImageResponse inspected;
            try {
                inspected = docker.inspectImageCmd(image).exec();
            } catch (NotFoundException e) {
                return null;
            }
            Map<String, String> labels = inspected.getConfig() == null ? null : inspected.getConfig().getLabels();
            if (labels == null || !platformId.equals(labels.get(ProcessLabels.PLATFORM))) {
                return null; // not one this platform built
            }
            try {
                docker.removeImageCmd(inspected.getId()).withForce(false).exec();
            } catch (NotFoundException e) {
                // gone meanwhile
            } catch (ConflictException e) {
                // still used by a container (a one-off of that release, say): the next collection tries again
                LOG.debugf("image %s is still in use: %s", image, e.getMessage());
            }
            return null;
        });
    }

    private PulledImage pullPinned(String image, RegistryAuth auth) {
        ImagePuller.ImageRef ref = ImagePuller.ImageRef.parse(image);
        boolean byDigest = ref.tagOrDigest().startsWith("sha256:");
        if (!byDigest || !puller.isPresent(image)) {
            puller.pull(image, login(auth));
        }
        InspectImageResponse inspected = docker.inspectImageCmd(image).exec();
        String pinned = byDigest ? image : pinnedName(ref.repository(), inspected.getRepoDigests(), auth);
        if (pinned == null) {
            throw new ImagePullException(image, "the engine names no digest of it that its registry serves");
        }
        ContainerConfig config = inspected.getConfig();
        List<Integer> ports = config == null || config.getExposedPorts() == null ? List.of()
                : Arrays.stream(config.getExposedPorts())
                .filter(port -> port.getProtocol() == InternetProtocol.TCP)
                .map(ExposedPort::getPort).sorted().toList();
        return new PulledImage(pinned, ports);
    }

    /**
     * repository@sha256:... as the registry serves it. The engine lists every digest the image has
     * had (a local image pushed and pulled again has the digests of both manifests, and Podman may
     * list a docker.io image under a shorter name); when several could be it, the one the registry
     * answers a pull of is taken (the image is present, so that pull reads a manifest and no layer).
     */
    private String pinnedName(String repository, List<String> repoDigests, RegistryAuth auth) {
        // this repository's own digests first, then the same image's digests listed under other names
        List<String> candidates = new ArrayList<>();
        for (boolean own : new boolean[] {true, false}) {
            for (String repoDigest : repoDigests == null ? List.<String>of() : repoDigests) {
                int at = repoDigest.indexOf('@');
                String pinned = at < 0 ? null : repository + "@" + repoDigest.substring(at + 1);
                if (pinned != null && repoDigest.substring(0, at).equals(repository) == own && !candidates.contains(pinned)) {
                    candidates.add(pinned);
                }
            }
        }
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        for (String candidate : candidates) {
            try {
                puller.pull(candidate, login(auth));
                return candidate;
            } catch (ImagePuller.PullFailure notServed) {
                // a digest of another manifest of the same image
            }
        }
        return null;
    }

    @Override
    public List<RunningProcess> observe(String app) {
        return engine(() -> list(app));
    }

    @Override
    public List<RunningProcess> observeAll() {
        return engine(() -> list(Map.of(ProcessLabels.PLATFORM, containers.platformId())));
    }

    @Override
    public List<OneOffProcess> oneOffs(String app, String role) {
        Map<String, String> labels = new HashMap<>(Map.of(ProcessLabels.PLATFORM, containers.platformId()));
        if (role != null) {
            labels.put(ProcessLabels.ROLE, role);
        }
        if (app != null) {
            labels.put(ProcessLabels.APP, app);
        }
        return engine(() -> {
            List<OneOffProcess> found = new ArrayList<>();
            for (Container c : listed(labels)) {
                OneOffProcess oneOff = containers.fromOneOff(c, role);
                if (oneOff != null) {
                    found.add(oneOff);
                }
            }
            return found;
        });
    }

    private List<RunningProcess> list(String app) {
        return list(Map.of(ProcessLabels.PLATFORM, containers.platformId(), ProcessLabels.APP, app));
    }

    private List<RunningProcess> list(Map<String, String> labels) {
        List<RunningProcess> processes = new ArrayList<>();
        for (Container c : listed(labels)) {
            RunningProcess p = containers.fromList(c);
            if (p != null) {
                processes.add(p);
            }
        }
        return processes;
    }

    /**
     * Every container with those labels. Podman (4.3 here) can keep a container in its database whose
     * storage is gone (a removal that failed half-way: "device or resource busy"); from then on every
     * list fails on it, and the reconciler sees nothing (CI: apps deployed after it answered 404). Such
     * a container has nothing left to stop: it is removed, and the list asked again.
     */
    private List<Container> listed(Map<String, String> labels) {
        for (int attempt = 1; ; attempt++) {
            try {
                return docker.listContainersCmd().withShowAll(true).withLabelFilter(labels).exec();
            } catch (DockerException e) {
                String broken = ProcessContainers.withoutStorage(EngineMessages.of(e));
                if (broken == null || attempt > 5) {
                    throw e;
                }
                LOG.warnf("the engine lists container %s, whose storage is gone: removing it", broken);
                removeQuietly(broken);
            }
        }
    }

    @Override
    public Closeable watch(Consumer<ProcessEvent> onEvent, Consumer<Throwable> onEnd) {
        return engine(() -> follow(onEvent, onEnd));
    }

    private Closeable follow(Consumer<ProcessEvent> onEvent, Consumer<Throwable> onEnd) {
        EventStream stream = new EventStream(onEvent, onEnd);
        // From a second back: an engine may answer the head before its reader is in place, and a
        // change in that gap would wait for the next full list. Repeated events only cost a pass.
        docker.eventsCmd()
                .withSince(Long.toString(Instant.now().getEpochSecond() - 1))
                .withLabelFilter(Map.of(ProcessLabels.PLATFORM, containers.platformId()))
                .withEventTypeFilter(EventType.CONTAINER)
                .exec(stream);
        try {
            // Answered once the engine sent its response's head: from then on no change is missed,
            // so a list the caller takes next and the events after it leave no gap.
            if (!stream.answered.await(10, TimeUnit.SECONDS)) {
                stream.closeQuietly();
                throw new EngineException(engineName + " did not start its event stream within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stream.closeQuietly();
            throw new EngineException("interrupted while subscribing to the engine's events");
        }
        if (!stream.started) {
            Throwable why = stream.failure;
            throw why instanceof DockerException api ? new EngineException(EngineMessages.of(api), api)
                    : new EngineNotAnsweringException(engineName, new IOException(String.valueOf(why)), why);
        }
        return stream::closeQuietly;
    }

    /** The engine's event stream: process containers' events to the caller, its end reported once. */
    private final class EventStream extends ResultCallback.Adapter<Event> {
        private final Consumer<ProcessEvent> onEvent;
        private final Consumer<Throwable> onEnd;
        private volatile boolean closing;
        private volatile Throwable failure;
        private boolean ended;
        /** A stream that never started is reported by watch's exception, not by onEnd. */
        private volatile boolean started;
        /** Counted down when the engine answered the subscription, or failed to. */
        final CountDownLatch answered = new CountDownLatch(1);

        EventStream(Consumer<ProcessEvent> onEvent, Consumer<Throwable> onEnd) {
            this.onEvent = onEvent;
            this.onEnd = onEnd;
        }

        @Override
        public void onStart(Closeable stream) {
            super.onStart(stream);
            if (closing) {
                // answered after watch gave up waiting: nobody follows this stream
                EngineScheduler.closeQuietly(this);
                return;
            }
            started = true;
            answered.countDown();
        }

        @Override
        public void onNext(Event event) {
            ProcessContainers.Change change = containers.fromEvent(event);
            if (change == null || !ProcessEvent.changesWhatRuns(change.action())) {
                return;
            }
            // the event says what happened, not what the container is now (its state, its port)
            RunningProcess now = null;
            boolean gone = false;
            try {
                now = containers.fromInspected(docker.inspectContainerCmd(change.containerId()).exec());
            } catch (NotFoundException e) {
                gone = true;
            } catch (RuntimeException engineAway) {
                // unknown: the caller looks at the app again anyway
            }
            onEvent.accept(new ProcessEvent(change.app(), change.containerId(), change.action(), now, gone));
        }

        @Override
        public void onError(Throwable error) {
            // not super's: it logs an error, and a broken stream is what an engine restart looks like
            failure = error;
            answered.countDown();
            end(error);
            closeQuietly();
        }

        @Override
        public void onComplete() {
            super.onComplete();
            end(null);
        }

        private synchronized void end(Throwable why) {
            if (!ended && !closing && started) {
                ended = true;
                onEnd.accept(why);
            }
        }

        void closeQuietly() {
            closing = true;
            EngineScheduler.closeQuietly(this);
        }
    }

    /** Stops and removes every process container of the app (app destroy). */
    public void removeAllForApp(String app) {
        for (RunningProcess p : observe(app)) {
            stop(p, Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        try {
            if (output != null) {
                output.close();
            }
            docker.close();
        } catch (IOException ignored) {
            // the connection pool is going away anyway
        }
    }

    /**
     * Every engine failure leaves as an {@link EngineException} with a readable message: API
     * errors with the engine's own words, a dead or restarting engine as
     * {@link EngineNotAnsweringException}.
     */
    private <T> T engine(Supplier<T> call) {
        try {
            return call.get();
        } catch (EngineException e) {
            throw e;
        } catch (ImagePuller.PullFailure e) {
            throw new ImagePullException(e.image(), e.reason());
        } catch (DockerException e) {
            throw new EngineException(EngineMessages.of(e), e);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            if (root instanceof IOException io) {
                throw new EngineNotAnsweringException(engineName, io, e);
            }
            throw e;
        }
    }

    private static ImagePuller.Login login(RegistryAuth auth) {
        return auth == null ? null : new ImagePuller.Login(auth.registry(), auth.username(), auth.password());
    }

    private void removeQuietly(String idOrName) {
        for (int attempt = 1; ; attempt++) {
            try {
                docker.removeContainerCmd(idOrName).withForce(true).withRemoveVolumes(true).exec();
                return;
            } catch (NotFoundException gone) {
                return;
            } catch (DockerException e) {
                if (isNoSuchContainer(e)) {
                    return;
                }
                // Podman: a container that just ended (in a user namespace above all) is still
                // being cleaned up by its conmon, whose unmount races the removal; a moment later
                // the container is gone or removable.
                if (attempt < REMOVE_ATTEMPTS && EngineMessages.mentions(e, "resource busy")) {
                    pause(REMOVE_RETRY_MILLIS);
                    continue;
                }
                throw new EngineException("cannot remove container " + idOrName + ": " + EngineMessages.of(e), e);
            }
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while removing a container");
        }
    }

    private static boolean isNoSuchContainer(DockerException e) {
        return e.getHttpStatus() == 404 || EngineMessages.mentions(e, "no such container");
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // nothing left to release
        }
    }

    /** Image references without a registry host are taken from the platform's registry. */
    String qualify(String image) {
        return ImageNames.qualify(registry, image);
    }
}
