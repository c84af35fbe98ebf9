package io.paas.builder.image;

import io.paas.builder.DaemonThreads;
import io.paas.builder.build.BuildQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Now and then, the platform registry's garbage collection (`docker-registry garbage-collect`): the layers of
 * the manifests the controller deleted (old releases' images, ReleaseImages) and the builder deleted (destroyed
 * apps) leave the disk. It runs between builds (BuildQueue.whileIdle): the registry's own rule is that nothing
 * is pushed during a collection. Only where the platform runs its registry on this machine (infra/platform.sh).
 */
public class RegistryCollection implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryCollection.class);
    private static final Duration LIMIT = Duration.ofMinutes(10);

    private final Path config;
    private final BuildQueue builds;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(new DaemonThreads("registry-gc"));

    /** config: the registry's configuration file (its storage is what is collected). */
    public RegistryCollection(Path config, BuildQueue builds) {
        this.config = config;
        this.builds = builds;
    }

    /** One collection every period, the first after one period; none when the registry's configuration is not here. */
    public RegistryCollection start(Duration period) {
        if (Files.isReadable(config) && !period.isZero()) {
            timer.scheduleWithFixedDelay(this::collectBetweenBuilds, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
        }
        return this;
    }

    private void collectBetweenBuilds() {
        try {
            builds.whileIdle(this::collect);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One garbage collection; a failure is logged and left to the next one. */
    void collect() {
        Path output = null;
        try {
            // to a file, not a pipe read to its end: a collection that hangs must not hold builds back past LIMIT
            output = Files.createTempFile("registry-gc", ".log");
            Process gc = new ProcessBuilder(List.of("docker-registry", "garbage-collect", config.toString()))
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            gc.getOutputStream().close();
            if (!gc.waitFor(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                gc.destroyForcibly();
                LOG.warn("the registry's garbage collection did not end within {} min: stopped", LIMIT.toMinutes());
                return;
            }
            // the registry lists every blob it marks and deletes: only the summary is worth the log
            String text = Files.readString(output, StandardCharsets.UTF_8);
            long deleted = text.lines().filter(line -> line.contains("blob eligible for deletion")
                    || line.contains("Deleting blob")).count();
            if (gc.exitValue() != 0) {
                LOG.warn("the registry's garbage collection failed (exit {}): {}", gc.exitValue(), tail(text));
            } else if (deleted > 0) {
                LOG.info("registry garbage collection: {} unused layer(s) deleted", deleted);
            }
        } catch (IOException e) {
            LOG.warn("cannot run the registry's garbage collection: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a temporary file
                }
            }
        }
    }

    private static String tail(String output) {
        List<String> lines = output.strip().lines().toList();
        return String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
