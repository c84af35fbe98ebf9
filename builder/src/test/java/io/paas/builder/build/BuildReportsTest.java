package io.paas.builder.build;

import io.paas.client.BuildOutputCap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildReportsTest {
    @TempDir
    Path tmp;

    @Test
    void aLogUpTo1MiBIsSentWhole() throws Exception {
        Path log = tmp.resolve("build.log");
        Files.writeString(log, "-----> Building café from abc1234\n !     Push rejected\n");
        assertEquals("-----> Building café from abc1234\n !     Push rejected", BuildReports.output(log));
    }

    /** Read from the file in two pieces, as the controller would cap the whole text: the same result. */
    @Test
    void aLongerLogKeepsItsStartAndItsEndAndSaysWhatWasCut() throws Exception {
        Path log = tmp.resolve("build.log");
        try (BufferedWriter writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            writer.write("-----> Building app from abc1234\n");
            for (int i = 0; i < 30_000; i++) {
                writer.write("line " + i + " é " + "-".repeat(40) + "\n");
            }
            writer.write(" !     Push rejected: the build exited with code 1\n");
        }
        long size = Files.size(log);
        String output = BuildReports.output(log);

        assertTrue(output.startsWith("-----> Building app from abc1234\nline 0 é"), output.substring(0, 100));
        assertTrue(output.endsWith("-\n !     Push rejected: the build exited with code 1"));
        assertTrue(output.getBytes(StandardCharsets.UTF_8).length <= BuildOutputCap.MAX);
        String marker = output.lines().filter(line -> line.contains("bytes of output cut here")).findFirst().orElseThrow();
        assertTrue(marker.matches("-----> \\[\\d+ bytes of output cut here: a build keeps its first 256 KiB and its "
                + "last 767 KiB]"), marker);
        long cut = Long.parseLong(marker.replaceAll("\\D*(\\d+).*", "$1"));
        // whole lines on each side: what was kept and what was cut make the file
        assertEquals(size, cut + output.getBytes(StandardCharsets.UTF_8).length - marker.length() - 1 + 1);
        assertEquals(BuildOutputCap.cap(Files.readString(log)).stripTrailing(), output);
        assertEquals(output, BuildOutputCap.cap(output), "a capped output stays as it is");
    }
}
