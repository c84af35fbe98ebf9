package io.paas.controller.scheduler;

/**
 * A one-off container the engine holds for an app (`paas run`'s run.N): as a process (type run,
 * index N, no endpoint), with the command it was given.
 */
public record OneOffProcess(RunningProcess process, String command) {
}
