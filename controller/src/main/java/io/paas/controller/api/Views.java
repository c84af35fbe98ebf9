package io.paas.controller.api;

import io.paas.client.Api;
import io.paas.controller.apps.App;
import io.paas.controller.builds.Build;
import io.paas.controller.deploy.RestartTracker;
import io.paas.controller.platform.PlatformSettings;
import io.paas.controller.releases.Release;
import io.paas.controller.scheduler.OneOffProcess;
import io.paas.controller.scheduler.ProcessUsage;
import io.paas.controller.scheduler.RunningProcess;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/** Entities -> the API's shapes in io.paas.client.Api. */
@ApplicationScoped
public class Views {
    private final PlatformSettings settings;
    private final RestartTracker restarts;

    public Views(PlatformSettings settings, RestartTracker restarts) {
        this.settings = settings;
        this.restarts = restarts;
    }

    public Api.App app(App app) {
        return new Api.App(app.uid, app.name, app.team != null ? app.team.name : app.owner.username, settings.appUrl(app.name), settings.gitUrl(app.name),
                time(app.createdAt), app.team == null ? null : app.team.name, settings.sshGitUrl(app.name));
    }

    /** A release as every view shows it: its config's names, not their values. */
    public Api.Release release(Release release) {
        return release(release, null);
    }

    /** configValues: the release's config in clear, for a caller who asked and may read it; null: names only. */
    public Api.Release release(Release release, Map<String, String> configValues) {
        return new Api.Release(release.version, release.summary, release.createdBy, release.image,
                configValues, release.processTypes, time(release.createdAt), release.status, release.failure,
                release.failureOutput, limits(release.limits), healthchecks(release.healthchecks),
                List.copyOf(new TreeSet<>(release.sealedConfig.keySet())));
    }

    /** withOutput: the build's whole output, which only the single build's answer carries. */
    public Api.Build build(Build build, boolean withOutput) {
        Long duration = build.startedAt == null ? null : Duration.between(build.startedAt, build.createdAt).toMillis();
        return new Api.Build(build.id.toString(), build.status, build.sha, build.createdBy,
                time(build.startedAt == null ? build.createdAt : build.startedAt), time(build.createdAt), duration,
                build.reason, withOutput ? build.output : null);
    }

    public Api.Process process(RunningProcess process) {
        return process(process, null);
    }

    /** With what it uses now, when known (usage null: not measured). */
    public Api.Process process(RunningProcess process, ProcessUsage usage) {
        return new Api.Process(process.slot(), process.type(), process.release(), process.state(), process.endpoint(),
                time(process.startedAt()), restarts.restarts(process.app(), process.slot()), memory(usage), cpu(usage));
    }

    /** A one-off (run.N) with its command; it never restarts. */
    public Api.Process oneOff(OneOffProcess oneOff, ProcessUsage usage) {
        RunningProcess process = oneOff.process();
        return new Api.Process(process.slot(), process.type(), process.release(), process.state(), null,
                time(process.startedAt()), 0, memory(usage), cpu(usage), oneOff.command());
    }

    private static Long memory(ProcessUsage usage) {
        return usage == null ? null : usage.memoryBytes();
    }

    /** Percent of one core, to a tenth. */
    private static Double cpu(ProcessUsage usage) {
        return usage == null ? null : Math.round(usage.cpuPercent() * 10) / 10.0;
    }

    /** "web.memory"/"web.cpu" flat entries -> per type. */
    public static Map<String, Api.Limit> limits(Map<String, String> flat) {
        Map<String, Api.Limit> limits = new TreeMap<>();
        flat.keySet().stream().map(k -> k.substring(0, k.lastIndexOf('.'))).distinct().forEach(type -> {
            String memory = flat.get(type + ".memory");
            String cpu = flat.get(type + ".cpu");
            limits.put(type, new Api.Limit(memory == null ? null : Long.valueOf(memory),
                    cpu == null ? null : Double.valueOf(cpu)));
        });
        return limits;
    }

    public static Map<String, Api.HealthCheck> healthchecks(Map<String, String> flat) {
        Map<String, Api.HealthCheck> checks = new TreeMap<>();
        flat.keySet().stream().map(k -> k.substring(0, k.lastIndexOf('.'))).distinct().forEach(type ->
                checks.put(type, new Api.HealthCheck(flat.get(type + ".path"), intOrNull(flat.get(type + ".timeout")),
                        intOrNull(flat.get(type + ".interval")), flat.get(type + ".content"),
                        intOrNull(flat.get(type + ".attempts")), intOrNull(flat.get(type + ".initialDelay")))));
        return checks;
    }

    private static Integer intOrNull(String value) {
        return value == null ? null : Integer.valueOf(value);
    }

    static String time(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
