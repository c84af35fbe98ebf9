package io.paas.controller.runs;

import io.paas.controller.scheduler.ProcessSpec;
import org.eclipse.microprofile.config.ConfigProvider;

import java.time.Duration;
import java.util.Map;

/**
 * What a one-off process may use, as the platform's admin set it (infra/PLATFORM.md): memory and
 * CPU (PAAS_RUN_MEMORY in MB, PAAS_RUN_CPU in cores) unless the app sized its web process, how long
 * it may run (PAAS_RUN_TIMEOUT) and how many run at once on the platform (PAAS_RUN_LIMIT).
 *
 * <p>An app whose web process has a size (paas limits:set web=1G) gets that size for its one-offs: a
 * one-off runs the same code on the same data (a console, a migration), and what web needs is the
 * best guess of what it needs; the app's owner chose it and may already be held to it by a quota.
 * Without one, the platform's default keeps a forgotten `paas run` from taking the machine.
 */
public record RunLimits(int atOnce, Duration timeout, long memoryBytes, long nanoCpus) {
    private static final long MB = 1024 * 1024;
    /** Below this, the engine refuses to make the container (Podman's floor is 6 MB). */
    private static final long MIN_MEMORY_MB = 6;

    public RunLimits {
        if (atOnce < 1) {
            throw new IllegalArgumentException("PAAS_RUN_LIMIT must be at least 1, not " + atOnce);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("PAAS_RUN_TIMEOUT must be at least 1 second, not " + timeout.toSeconds());
        }
        if (memoryBytes < MIN_MEMORY_MB * MB) {
            throw new IllegalArgumentException("PAAS_RUN_MEMORY must be at least " + MIN_MEMORY_MB + " (MB), not "
                    + memoryBytes / MB);
        }
        if (nanoCpus < 10_000_000L) {
            throw new IllegalArgumentException("PAAS_RUN_CPU must be at least 0.01 (cores)");
        }
    }

    /** From PAAS_RUN_LIMIT (10), PAAS_RUN_TIMEOUT (3600 s), PAAS_RUN_MEMORY (512 MB), PAAS_RUN_CPU (1 core). */
    static RunLimits fromConfig() {
        var config = ConfigProvider.getConfig();
        int atOnce = config.getOptionalValue("paas.run.limit", Integer.class).orElse(10);
        long timeout = config.getOptionalValue("paas.run.timeout", Long.class).orElse(3600L);
        long memory = config.getOptionalValue("paas.run.memory", Long.class).orElse(512L);
        double cpu = config.getOptionalValue("paas.run.cpu", Double.class).orElse(1.0);
        return new RunLimits(atOnce, Duration.ofSeconds(timeout), memory * MB, (long) (cpu * 1_000_000_000L));
    }

    /** The one-off's spec with its memory and CPU: web's size where the app set one (appLimits: "web.memory" ...), else ours. */
    ProcessSpec apply(ProcessSpec spec, Map<String, String> appLimits) {
        long memory = positive(appLimits.get("web.memory"), 1, memoryBytes);
        long cpus = positive(appLimits.get("web.cpu"), 1_000_000_000L, nanoCpus);
        return new ProcessSpec(spec.app(), spec.type(), spec.index(), spec.release(), spec.generation(), spec.image(),
                spec.command(), spec.env(), memory, cpus, spec.shell(), spec.pullAuth(), spec.appId());
    }

    private static long positive(String value, long unit, long fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            long scaled = (long) (Double.parseDouble(value) * unit);
            return scaled > 0 ? scaled : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
