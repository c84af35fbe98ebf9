package io.paas.controller.scheduler.docker;

import io.paas.controller.scheduler.ProcessSpec;
import io.paas.controller.scheduler.OutputLine;
import org.jboss.logging.Logger;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Reads what the platform's containers print from the files the engine writes for them (Podman's
 * k8s-file format: {@code TIME stdout|stderr P|F TEXT}, one file per container at
 * {@code <dir>/<appId>/<type>.<index>.<container>.log}, named at create). One thread and the
 * kernel's file notifications, whatever the number of containers: an idle app costs nothing,
 * unlike one open log stream per container.
 * <p>
 * How far each file was read is saved every second, so a restarted controller goes on where it
 * stopped (at worst repeating the last second). The engine cuts a file back to nothing past its
 * size limit (log_size_max): a file shorter than what was read is read again from its start.
 * A file whose container is gone is deleted once read to its end.
 */
final class ContainerLogFiles implements Closeable {
    private static final Logger LOG = Logger.getLogger(ContainerLogFiles.class);
    /** A line the process never ends is handed on in pieces of this size. */
    static final int MAX_PENDING = 64 * 1024;
    private static final String POSITIONS = ".positions";
    private static final Duration SAVE_EVERY = Duration.ofSeconds(1);
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(60);
    /** A container's file unchanged this long, read to its end, is deleted when the container is gone. */
    private static final Duration IDLE_BEFORE_SWEEP = Duration.ofSeconds(30);

    private final Path dir;
    private final Consumer<List<OutputLine>> sink;
    private final Predicate<String> containerExists;
    private final WatchService watcher;
    private final Thread thread;
    // touched by the reader thread only
    private final Map<Path, Tail> tails = new HashMap<>();
    private final Properties saved = new Properties();
    private boolean dirty;

    /**
     * @param containerExists whether the engine still has the container of that name (asked only
     *                        for files read to their end and idle for a while)
     */
    ContainerLogFiles(Path dir, Consumer<List<OutputLine>> sink, Predicate<String> containerExists) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.sink = sink;
        this.containerExists = containerExists;
        this.watcher = dir.getFileSystem().newWatchService();
        this.thread = new Thread(this::run, "container-output");
        this.thread.setDaemon(true);
    }

    /** Where the engine is to write that container's output. */
    static Path fileFor(Path dir, ProcessSpec spec, String containerName) throws IOException {
        Path appDir = Files.createDirectories(dir.resolve(Long.toString(spec.appId())));
        return appDir.resolve(ProcessContainers.safe(spec.type()) + "." + spec.index() + "." + containerName + ".log");
    }

    void start() {
        thread.start();
    }

    @Override
    public void close() throws IOException {
        watcher.close();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            load();
            register(dir);
            scanAll();
            long nextSave = System.nanoTime() + SAVE_EVERY.toNanos();
            long nextSweep = System.nanoTime() + SWEEP_EVERY.toNanos();
            while (true) {
                List<OutputLine> batch = new ArrayList<>();
                WatchKey key = watcher.poll(SAVE_EVERY.toMillis(), TimeUnit.MILLISECONDS);
                while (key != null) {
                    handle(key, batch);
                    key = watcher.poll();
                }
                deliver(batch);
                long now = System.nanoTime();
                if (now >= nextSave) {
                    save();
                    nextSave = now + SAVE_EVERY.toNanos();
                }
                if (now >= nextSweep) {
                    sweep();
                    nextSweep = now + SWEEP_EVERY.toNanos();
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException closed) {
            save();
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "reading the containers' output stopped");
        }
    }

    private void handle(WatchKey key, List<OutputLine> batch) throws IOException {
        Path watched = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                scanAll();
                continue;
            }
            Path child = watched.resolve((Path) event.context());
            if (watched.equals(dir)) {
                if (Files.isDirectory(child)) {
                    register(child);
                    scan(child, batch);
                }
            } else if (event.kind() != StandardWatchEventKinds.ENTRY_DELETE) {
                read(child, batch);
            }
        }
        key.reset();
    }

    private void register(Path directory) throws IOException {
        directory.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
    }

    private void scanAll() throws IOException {
        List<OutputLine> batch = new ArrayList<>();
        try (DirectoryStream<Path> apps = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path app : apps) {
                register(app);
                scan(app, batch);
            }
        }
        deliver(batch);
    }

    private void scan(Path appDir, List<OutputLine> batch) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(appDir, "*.log")) {
            for (Path file : files) {
                read(file, batch);
            }
        } catch (NoSuchFileException gone) {
            // the app's folder was swept meanwhile
        }
    }

    private void read(Path file, List<OutputLine> batch) {
        String name = file.getFileName().toString();
        if (!name.endsWith(".log")) {
            return;
        }
        Tail tail = tails.computeIfAbsent(file, this::tailOf);
        if (tail == null) {
            tails.remove(file);
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < tail.offset) {
                tail.offset = 0;
                tail.pending[0].setLength(0);
                tail.pending[1].setLength(0);
            }
            ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
            byte[] carry = new byte[0];
            while (tail.offset + carry.length < size) {
                buffer.clear();
                int n = channel.read(buffer, tail.offset + carry.length);
                if (n <= 0) {
                    break;
                }
                byte[] bytes = new byte[carry.length + n];
                System.arraycopy(carry, 0, bytes, 0, carry.length);
                System.arraycopy(buffer.array(), 0, bytes, carry.length, n);
                int start = 0;
                for (int i = 0; i < bytes.length; i++) {
                    if (bytes[i] == '\n') {
                        tail.line(new String(bytes, start, i - start, StandardCharsets.UTF_8), batch);
                        tail.offset += i + 1 - start;
                        start = i + 1;
                    }
                }
                carry = Arrays.copyOfRange(bytes, start, bytes.length);
                if (carry.length > MAX_PENDING) {
                    // a record without its newline yet, longer than any the engine writes: skip it
                    tail.offset += carry.length;
                    carry = new byte[0];
                }
            }
            saved.setProperty(dir.relativize(file).toString(), Long.toString(tail.offset));
            dirty = true;
        } catch (NoSuchFileException gone) {
            tails.remove(file);
        } catch (IOException e) {
            LOG.debugf("cannot read %s: %s", file, e);
        }
    }

    private Tail tailOf(Path file) {
        String[] parts = file.getFileName().toString().split("\\.", 3);
        long appId;
        try {
            appId = Long.parseLong(file.getParent().getFileName().toString());
        } catch (NumberFormatException notAnApp) {
            return null;
        }
        if (parts.length < 3) {
            return null;
        }
        String container = parts[2].substring(0, parts[2].length() - ".log".length());
        long offset = Long.parseLong(saved.getProperty(dir.relativize(file).toString(), "0"));
        return new Tail(file, appId, parts[0] + "." + parts[1], container, offset);
    }

    private void deliver(List<OutputLine> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            sink.accept(batch);
        } catch (RuntimeException e) {
            LOG.warnf(e, "%d lines of output were not kept", batch.size());
        }
    }

    private void sweep() {
        long idleSince = System.currentTimeMillis() - IDLE_BEFORE_SWEEP.toMillis();
        for (Tail tail : new ArrayList<>(tails.values())) {
            Path file = tail.file;
            try {
                if (Files.size(file) > tail.offset
                        || Files.getLastModifiedTime(file).toMillis() > idleSince
                        || containerExists.test(tail.container)) {
                    continue;
                }
                Files.deleteIfExists(file);
                tails.remove(file);
                saved.remove(dir.relativize(file).toString());
                dirty = true;
                try (DirectoryStream<Path> left = Files.newDirectoryStream(file.getParent())) {
                    if (!left.iterator().hasNext()) {
                        Files.deleteIfExists(file.getParent());
                    }
                }
            } catch (IOException | RuntimeException e) {
                LOG.debugf("cannot sweep %s: %s", file, e);
            }
        }
    }

    private void load() {
        Path file = dir.resolve(POSITIONS);
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                saved.load(in);
            } catch (IOException | IllegalArgumentException e) {
                LOG.warnf("%s is unreadable (%s): the containers' files are read from their start", file, e);
            }
        }
    }

    private void save() {
        if (!dirty) {
            return;
        }
        Path file = dir.resolve(POSITIONS);
        Path next = dir.resolve(POSITIONS + ".next");
        try (Writer out = Files.newBufferedWriter(next)) {
            saved.store(out, "how far each container's output was read");
        } catch (IOException e) {
            LOG.debugf("cannot save %s: %s", file, e);
            return;
        }
        try {
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            dirty = false;
        } catch (IOException e) {
            LOG.debugf("cannot save %s: %s", file, e);
        }
    }

    /** How far one container's file was read, and a line the process has not ended yet. */
    private static final class Tail {
        final Path file;
        final long appId;
        final String process;
        final String container;
        /** The line not ended yet on stdout [0] and on stderr [1]: the engine interleaves their pieces. */
        final StringBuilder[] pending = {new StringBuilder(), new StringBuilder()};
        long offset;

        Tail(Path file, long appId, String process, String container, long offset) {
            this.file = file;
            this.appId = appId;
            this.process = process;
            this.container = container;
            this.offset = offset;
        }

        /** One record of the engine's file: the whole line (F), or a piece of a longer one (P). */
        void line(String record, List<OutputLine> batch) {
            String[] fields = record.split(" ", 4);
            if (fields.length < 3) {
                return;
            }
            Instant time;
            try {
                time = OffsetDateTime.parse(fields[0]).toInstant();
            } catch (DateTimeParseException notARecord) {
                return;
            }
            boolean stderr = "stderr".equals(fields[1]);
            StringBuilder line = pending[stderr ? 1 : 0];
            line.append(fields.length == 4 ? fields[3] : "");
            if ("P".equals(fields[2]) && line.length() < MAX_PENDING) {
                return;
            }
            batch.add(new OutputLine(appId, process, time, stderr, line.toString()));
            line.setLength(0);
        }
    }
}
