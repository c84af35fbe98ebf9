package io.paas.builder.build;

import io.paas.client.Api;
import io.paas.client.ControllerClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Tells the controller a build failed, with its reason and the last lines of its log, so that
 * `paas builds` shows it after the push is gone. Never throws: the build's own failure is what the
 * push must end with, and a controller that cannot record it only costs the record (logged).
 */
public class FailedBuilds {
    /** As many lines as the controller keeps. */
    static final int TAIL_LINES = 50;
    private static final Logger LOG = LoggerFactory.getLogger(FailedBuilds.class);

    private final ControllerClient controller;

    public FailedBuilds(ControllerClient controller) {
        this.controller = controller;
    }

    public void report(BuildRequest request, Instant started, String reason, Path log) {
        try {
            controller.failedBuild(request.app(), new Api.FailedBuild(request.appId(), request.sha(),
                    request.username(), reason, tail(log), started.toString()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot record the failed build of {} at {}: {}", request.app(), request.shortSha(), e.getMessage());
        }
    }

    /** The file's last TAIL_LINES lines, read through once (a build log can be long). */
    static String tail(Path log) throws IOException {
        Deque<String> lines = new ArrayDeque<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(Files.newInputStream(log),
                StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (lines.size() == TAIL_LINES) {
                    lines.removeFirst();
                }
                lines.addLast(line);
            }
        }
        return String.join("\n", lines);
    }
}
