package io.paas.controller.scheduler;

/**
 * What a running process uses now: memory in bytes (and its limit, 0: none), and CPU as a percent of
 * one core over the last moment (100: one core busy).
 */
public record ProcessUsage(long memoryBytes, long memoryLimitBytes, double cpuPercent) {
}
