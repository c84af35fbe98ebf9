package io.paas.controller.logs;

import java.util.Locale;
import java.util.Optional;

/** Who wrote a log line: the app's processes, the router (a request it served), the platform (builds, deploys, crashes). */
public enum LogSource {
    APP, ROUTER, PLATFORM;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LogSource> of(String word) {
        for (LogSource source : values()) {
            if (source.word().equals(word)) {
                return Optional.of(source);
            }
        }
        return Optional.empty();
    }
}
