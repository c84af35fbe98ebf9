package io.paas.builder.build;

import io.paas.client.Api;
import io.paas.client.BuildOutputCap;
import io.paas.client.ControllerClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * Tells the controller how a build ended, with its whole log (capped as BuildOutputCap says), so
 * that `paas builds:info` shows it after the push is gone: a failed build with its reason, a
 * released one's output after its last line. Never throws: the push must end as the build did, and a
 * controller that cannot record it only costs the record (logged).
 */
public class BuildReports {
    private static final Logger LOG = LoggerFactory.getLogger(BuildReports.class);

    private final ControllerClient controller;

    public BuildReports(ControllerClient controller) {
        this.controller = controller;
    }

    public void failed(BuildRequest request, Instant started, String reason, Path log) {
        try {
            controller.failedBuild(request.app(), new Api.FailedBuild(request.appId(), request.sha(),
                    request.username(), reason, output(log), started.toString()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot record the failed build of {} at {}: {}", request.app(), request.shortSha(), e.getMessage());
        }
    }

    /** buildId: the controller's id of the build, from its answer to the build's record. */
    public void released(BuildRequest request, String buildId, Path log) {
        try {
            controller.buildOutput(request.app(), buildId, output(log));
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot store the output of build {} of {}: {}", buildId, request.app(), e.getMessage());
        }
    }

    /** The log as BuildOutputCap keeps it, without reading more of a long one than is kept. */
    static String output(Path log) throws IOException {
        try (FileChannel file = FileChannel.open(log, StandardOpenOption.READ)) {
            long size = file.size();
            // the log's last line ends with a newline, which a stored output does without
            if (size <= BuildOutputCap.MAX) {
                return new String(read(file, 0, (int) size), StandardCharsets.UTF_8).stripTrailing();
            }
            return BuildOutputCap.join(read(file, 0, BuildOutputCap.HEAD),
                    read(file, size - BuildOutputCap.TAIL, BuildOutputCap.TAIL), size).stripTrailing();
        }
    }

    private static byte[] read(FileChannel file, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (file.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("the build log got shorter while read");
            }
        }
        return buffer.array();
    }
}
