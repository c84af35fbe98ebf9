package io.paas.controller.deploy;

import io.paas.controller.releases.ReleaseService;
import io.paas.controller.scheduler.ProcessSpec;
import io.paas.controller.scheduler.RegistryAuth;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an app should run: one release with its formation, read in one transaction.
 * {@code releaseStatus} tells a first roll-out (pending) from a re-convergence (succeeded).
 * {@code appId}: the app's number, which fixes its containers' user namespace.
 */
public record DesiredState(String app, int release, String releaseStatus, String image, Map<String, String> config,
                           Map<String, String> processTypes, Map<String, Integer> formation,
                           Map<String, Integer> generations, Map<String, String> limits,
                           Map<String, String> healthchecks, Integer port, boolean shellCommands,
                           RegistryAuth pullAuth, long appId) {
    /** The Procfile's release phase: run once per release before it goes live, never scaled. */
    public static final String RELEASE_PHASE = "release";

    /** One spec per container: type.1 .. type.N for each process type of the release. */
    public List<ProcessSpec> processes() {
        List<ProcessSpec> specs = new ArrayList<>();
        if (image == null) {
            return specs;
        }
        formation.forEach((type, quantity) -> {
            String command = processTypes.get(type);
            if (command == null || type.equals(RELEASE_PHASE)) {
                return;
            }
            for (int index = 1; index <= quantity; index++) {
                specs.add(spec(type, index, command));
            }
        });
        return specs;
    }

    /** The release phase's one-off process, or null when the Procfile has none. */
    public ProcessSpec releasePhase() {
        String command = processTypes.get(RELEASE_PHASE);
        return command == null ? null : oneOff(RELEASE_PHASE, 1, command);
    }

    /** A one-off process of this release (paas run): its config, its image, the command given. */
    public ProcessSpec oneOff(String type, int index, String command) {
        return image == null ? null : spec(type, index, command);
    }

    public boolean isFirstRollout() {
        return "pending".equals(releaseStatus);
    }

    public HealthCheckSpec healthCheck(String type) {
        return HealthCheckSpec.of(type, healthchecks);
    }

    private ProcessSpec spec(String type, int index, String command) {
        Map<String, String> env = new TreeMap<>(config);
        env.put("PORT", Integer.toString(port == null ? ReleaseService.DEFAULT_PORT : port));
        env.put("PAAS_APP", app);
        env.put("PAAS_RELEASE", "v" + release);
        env.put("DYNO", type + "." + index);
        long memory = parseLong(limits.get(type + ".memory"));
        long nanoCpus = (long) (parseDouble(limits.get(type + ".cpu")) * 1_000_000_000L);
        return new ProcessSpec(app, type, index, release, generations.getOrDefault(type, 0), image, command, env,
                memory, nanoCpus, shellCommands, pullAuth, appId, healthCheck(type).path());
    }

    private static long parseLong(String value) {
        return value == null ? 0 : Long.parseLong(value);
    }

    private static double parseDouble(String value) {
        return value == null ? 0 : Double.parseDouble(value);
    }
}
