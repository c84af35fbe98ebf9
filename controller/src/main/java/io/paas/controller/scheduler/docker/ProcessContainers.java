package io.paas.controller.scheduler.docker;

import static io.paas.controller.scheduler.ProcessLabels.PLATFORM;
import static io.paas.controller.scheduler.ProcessLabels.APP;
import static io.paas.controller.scheduler.ProcessLabels.TYPE;
import static io.paas.controller.scheduler.ProcessLabels.INDEX;
import static io.paas.controller.scheduler.ProcessLabels.RELEASE;
import static io.paas.controller.scheduler.ProcessLabels.GENERATION;
import static io.paas.controller.scheduler.ProcessLabels.ROLE;
import static io.paas.controller.scheduler.ProcessLabels.COMMAND;
import io.paas.controller.scheduler.OneOffProcess;
import io.paas.controller.scheduler.ProcessSpec;
import io.paas.controller.scheduler.RunningProcess;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.Ports;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** How a process maps onto a container: its name, its labels, and back from what the engine reports. */
final class ProcessContainers {
    static final String CONFINEMENT = "paas.confinement";
    static final String LOOPBACK = "127.0.0.1";

    private final String platformId;
    private final String confinement;

    /** @param confinement the label value of containers made under the scheduler's {@link Confinement} */
    ProcessContainers(String platformId, String confinement) {
        this.platformId = platformId;
        this.confinement = confinement;
    }

    String platformId() {
        return platformId;
    }

    String name(ProcessSpec spec) {
        return platformId + "-" + spec.app() + "-" + safe(spec.type()) + "-" + spec.index() + "-v" + spec.release()
                + (spec.generation() == 0 ? "" : "-g" + spec.generation());
    }

    Map<String, String> labels(ProcessSpec spec) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(PLATFORM, platformId);
        labels.put(APP, spec.app());
        labels.put(TYPE, spec.type());
        labels.put(INDEX, Integer.toString(spec.index()));
        labels.put(RELEASE, Integer.toString(spec.release()));
        labels.put(GENERATION, Integer.toString(spec.generation()));
        labels.put(CONFINEMENT, confinement);
        return labels;
    }

    /**
     * One-off containers carry no type label, so that they never count as processes (no plan, no
     * reconciler sees them); their role, index and command let ps show them (see {@link #fromOneOff}).
     */
    Map<String, String> oneOffLabels(ProcessSpec spec) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(PLATFORM, platformId);
        labels.put(APP, spec.app());
        labels.put(ROLE, spec.type());
        labels.put(INDEX, Integer.toString(spec.index()));
        labels.put(RELEASE, Integer.toString(spec.release()));
        labels.put(CONFINEMENT, confinement);
        if (spec.command() != null) {
            labels.put(COMMAND, spec.command());
        }
        return labels;
    }

    /** A listed one-off container of that role (run.N; null: any role), or null for any other container. */
    OneOffProcess fromOneOff(Container c, String role) {
        Map<String, String> labels = c.getLabels() == null ? Map.of() : c.getLabels();
        if (labels.containsKey(TYPE) || labels.get(ROLE) == null || (role != null && !role.equals(labels.get(ROLE)))
                || !isInt(labels.get(INDEX)) || !isInt(labels.get(RELEASE))) {
            return null;
        }
        String name = c.getNames() == null || c.getNames().length == 0 ? c.getId() : stripSlash(c.getNames()[0]);
        Instant created = c.getCreated() == null ? null : Instant.ofEpochSecond(c.getCreated());
        RunningProcess process = new RunningProcess(c.getId(), name, labels.get(APP), labels.get(ROLE),
                Integer.parseInt(labels.get(INDEX)), Integer.parseInt(labels.get(RELEASE)), 0, stateWord(c.getState()),
                null, created, confinement.equals(labels.get(CONFINEMENT)));
        return new OneOffProcess(process, labels.getOrDefault(COMMAND, ""));
    }

    String oneOffName(ProcessSpec spec) {
        return platformId + "-" + spec.app() + "-" + safe(spec.type()) + "-v" + spec.release() + "-" + uniqueSuffix();
    }

    /** A few characters that make a name unique among the engine's containers for a while. */
    static String uniqueSuffix() {
        return Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    }

    /** A listed container, or null for one that is not an app process (build containers share the app label). */
    RunningProcess fromList(Container c) {
        Map<String, String> labels = c.getLabels() == null ? Map.of() : c.getLabels();
        if (!isProcess(labels)) {
            return null;
        }
        String name = c.getNames() == null || c.getNames().length == 0 ? c.getId() : stripSlash(c.getNames()[0]);
        String state = stateWord(c.getState());
        String endpoint = null;
        if ("running".equals(state) && c.getPorts() != null) {
            for (ContainerPort port : c.getPorts()) {
                if (port.getPublicPort() != null && port.getPublicPort() > 0) {
                    endpoint = LOOPBACK + ":" + port.getPublicPort();
                    break;
                }
            }
        }
        Instant created = c.getCreated() == null ? null : Instant.ofEpochSecond(c.getCreated());
        return fromLabels(labels, c.getId(), name, state, endpoint, created);
    }

    /** What an engine event says of a process container. */
    record Change(String app, String containerId, String action) {
    }

    /** An engine event of a process container, or null for another container's (one-offs, builds). */
    Change fromEvent(Event event) {
        Map<String, String> attributes = event.getActor() == null || event.getActor().getAttributes() == null
                ? Map.of() : event.getActor().getAttributes();
        String action = event.getAction() != null ? event.getAction() : event.getStatus();
        if (!platformId.equals(attributes.get(PLATFORM)) || !attributes.containsKey(TYPE)
                || attributes.get(APP) == null || action == null) {
            return null;
        }
        String id = event.getId() != null ? event.getId() : event.getActor().getId();
        // Docker says "die" and "destroy"; some engines add detail after a colon ("exec_start: sh")
        int colon = action.indexOf(':');
        return new Change(attributes.get(APP), id, colon < 0 ? action : action.substring(0, colon));
    }

    /** An inspected container as a process, from its labels; null when it is not a process container. */
    RunningProcess fromInspected(InspectContainerResponse info) {
        Map<String, String> labels = info.getConfig() == null || info.getConfig().getLabels() == null
                ? Map.of() : info.getConfig().getLabels();
        if (!isProcess(labels)) {
            return null;
        }
        String state = stateWord(info.getState() == null ? null : info.getState().getStatus());
        return fromLabels(labels, info.getId(), stripSlash(info.getName()), state,
                "running".equals(state) ? publishedEndpoint(info) : null, startedAt(info));
    }

    /** Process containers carry a type, an index and a release; one-offs and builds do not. */
    private static boolean isProcess(Map<String, String> labels) {
        return labels.containsKey(TYPE) && isInt(labels.get(INDEX)) && isInt(labels.get(RELEASE));
    }

    private RunningProcess fromLabels(Map<String, String> labels, String id, String name, String state,
                                      String endpoint, Instant startedAt) {
        int generation = isInt(labels.get(GENERATION)) ? Integer.parseInt(labels.get(GENERATION)) : 0;
        return new RunningProcess(id, name, labels.get(APP), labels.get(TYPE), Integer.parseInt(labels.get(INDEX)),
                Integer.parseInt(labels.get(RELEASE)), generation, state, endpoint, startedAt,
                confinement.equals(labels.get(CONFINEMENT)));
    }

    RunningProcess fromInspect(ProcessSpec spec, InspectContainerResponse info) {
        String state = stateWord(info.getState() == null ? null : info.getState().getStatus());
        return new RunningProcess(info.getId(), stripSlash(info.getName()), spec.app(), spec.type(), spec.index(),
                spec.release(), spec.generation(), state, publishedEndpoint(info), startedAt(info));
    }

    /**
     * The engine's state word as users see it. Podman says "stopped" for a container whose process
     * has ended until its cleanup has run, then "exited": the same fact, so one word for both, or
     * what a caller sees would depend on how fast the engine cleans up.
     */
    static String stateWord(String engineState) {
        if (engineState == null || engineState.isEmpty()) {
            return "unknown";
        }
        String word = engineState.toLowerCase(Locale.ROOT);
        return "stopped".equals(word) ? "exited" : word;
    }

    private static final java.util.regex.Pattern NO_STORAGE =
            java.util.regex.Pattern.compile("getting container from store \\\\?\"([0-9a-f]{64})\\\\?\": container not known");

    /** The container an engine's error names as listed but without storage (Podman's words), or null. */
    static String withoutStorage(String message) {
        java.util.regex.Matcher m = message == null ? null : NO_STORAGE.matcher(message);
        return m != null && m.find() ? m.group(1) : null;
    }

    /** Podman assigns the random host port at create, Docker only at start: read it after start. */
    static String publishedEndpoint(InspectContainerResponse info) {
        if (info.getNetworkSettings() == null || info.getNetworkSettings().getPorts() == null) {
            return null;
        }
        for (Ports.Binding[] bindings : info.getNetworkSettings().getPorts().getBindings().values()) {
            if (bindings == null) {
                continue;
            }
            for (Ports.Binding b : bindings) {
                if (b != null && b.getHostPortSpec() != null && !b.getHostPortSpec().isEmpty()
                        && !"0".equals(b.getHostPortSpec())) {
                    return LOOPBACK + ":" + b.getHostPortSpec();
                }
            }
        }
        return null;
    }

    private static Instant startedAt(InspectContainerResponse info) {
        Instant started = time(info.getState() == null ? null : info.getState().getStartedAt());
        return started == null ? Instant.now() : started;
    }

    /** An engine's RFC 3339 time, or null when absent, unparsable or the zero time ("0001-01-01T00:00:00Z"). */
    static Instant time(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            Instant instant = OffsetDateTime.parse(text).toInstant();
            return instant.getEpochSecond() <= 0 ? null : instant;
        } catch (RuntimeException notIso) {
            return null;
        }
    }

    static String safe(String type) {
        return type.replaceAll("[^a-zA-Z0-9_.-]", "_");
    }

    private static String stripSlash(String name) {
        return name != null && name.startsWith("/") ? name.substring(1) : name;
    }

    private static boolean isInt(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return s.length() < 10;
    }
}
