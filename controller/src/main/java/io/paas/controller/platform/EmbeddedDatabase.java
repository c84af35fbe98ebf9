package io.paas.controller.platform;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * PostgreSQL from zonky's binaries, with its data kept in the platform's data directory so that
 * it survives restarts. Durable settings: zonky turns fsync off by default, platform data needs it on.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedDatabase start(Path dir) throws IOException {
        Path data = dir.resolve("data");
        Files.createDirectories(dir.resolve("work"));
        stopLeftover(data);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(dir.resolve("work").toFile())
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setServerConfig("max_connections", "40")
                .setServerConfig("shared_buffers", "16MB")
                // no logical replication: without workers PostgreSQL starts no launcher process for them
                .setServerConfig("max_logical_replication_workers", "0")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        return new EmbeddedDatabase(postgres);
    }

    public String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    public String username() {
        return "postgres";
    }

    /**
     * A controller killed with -9 leaves its postgres running, and zonky would then silently talk
     * to that one; stop it first so that every start owns its server.
     */
    private static void stopLeftover(Path data) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.get(0).strip());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> leftover = ProcessHandle.of(pid)
                .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false));
        if (leftover.isEmpty()) {
            return;
        }
        ProcessHandle process = leftover.get();
        new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start();
        try {
            process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            process.destroyForcibly();
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
