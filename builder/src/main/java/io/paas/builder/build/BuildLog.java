package io.paas.builder.build;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The build's lines kept in a file, so a failed build can be read after the push is gone. */
public class BuildLog implements BuildOutput, AutoCloseable {
    private final BufferedWriter writer;

    public BuildLog(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void line(String text) {
        try {
            writer.write(text);
            writer.newLine();
            writer.flush();
        } catch (IOException e) {
            // a full disk must not also fail the push: the client still gets the line
        }
    }

    @Override
    public synchronized void close() throws IOException {
        writer.close();
    }
}
