package io.paas.cli.support;

import picocli.CommandLine.Option;

/** `-n N`: how many of the newest entries a history (releases, builds) shows, as Heroku's `-n`. */
public class NumOption {
    @Option(names = {"-n", "--num"}, paramLabel = "N", description = "show only the newest N (default: all)")
    Integer num;

    /** The most entries to show; a usage error for less than 1. */
    public long limit() {
        if (num != null && num < 1) {
            throw CliException.usage("-n must be at least 1, got " + num);
        }
        return num == null ? Long.MAX_VALUE : num;
    }
}
