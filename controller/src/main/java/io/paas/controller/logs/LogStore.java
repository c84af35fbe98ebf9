package io.paas.controller.logs;

import org.jboss.logging.Logger;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Every app's log on disk, under {@code <dir>/<appId>/}, bounded in lines and bytes: lines go to
 * {@code current} until it holds half of either bound, then it becomes {@code previous} (the older
 * half is dropped). So an app keeps between half and all of its bounds, whatever it prints, and
 * its log outlives restarts of the platform. Callers serialize the writes of one app.
 */
public class LogStore {
    private static final Logger LOG = Logger.getLogger(LogStore.class);
    private static final String CURRENT = "current";
    private static final String PREVIOUS = "previous";

    private final Path dir;
    private final long maxLines;
    private final long maxBytes;
    private final Map<Long, Segment> segments = new ConcurrentHashMap<>();

    public LogStore(Path dir, long maxLines, long maxBytes) {
        this.dir = dir;
        this.maxLines = Math.max(2, maxLines);
        this.maxBytes = Math.max(2 * (LogLine.MAX_LENGTH + 100), maxBytes);
    }

    /** False when the lines could not be written (said in the controller's log). */
    public boolean append(long appId, List<LogLine> lines) {
        if (lines.isEmpty()) {
            return true;
        }
        Path appDir = dir.resolve(Long.toString(appId));
        try {
            Files.createDirectories(appDir);
            Segment segment = segments.computeIfAbsent(appId, id -> Segment.of(appDir.resolve(CURRENT)));
            StringBuilder chunk = new StringBuilder();
            for (LogLine line : lines) {
                String record = encode(line);
                long size = record.getBytes(StandardCharsets.UTF_8).length;
                if (segment.lines + 1 > maxLines / 2 || segment.bytes + size > maxBytes / 2) {
                    write(appDir, chunk);
                    chunk.setLength(0);
                    Files.move(appDir.resolve(CURRENT), appDir.resolve(PREVIOUS), StandardCopyOption.REPLACE_EXISTING);
                    segment.lines = 0;
                    segment.bytes = 0;
                }
                chunk.append(record);
                segment.lines++;
                segment.bytes += size;
            }
            write(appDir, chunk);
            return true;
        } catch (IOException e) {
            LOG.warnf("%d log lines of app %d were not kept: %s", lines.size(), appId, e.getMessage());
            return false;
        }
    }

    /** Everything kept of the app's log, oldest first (in the order it was written). */
    public List<LogLine> read(long appId) {
        Path appDir = dir.resolve(Long.toString(appId));
        List<LogLine> lines = new ArrayList<>();
        for (String name : List.of(PREVIOUS, CURRENT)) {
            try (BufferedReader in = reader(appDir.resolve(name))) {
                String record;
                while ((record = in.readLine()) != null) {
                    LogLine line = decode(record);
                    if (line != null) {
                        lines.add(line);
                    }
                }
            } catch (NoSuchFileException none) {
                // nothing written yet, or never rotated
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the log of app " + appId, e);
            }
        }
        return lines;
    }

    /** Removes the app's log (its app was destroyed). */
    public void delete(long appId) {
        segments.remove(appId);
        Path appDir = dir.resolve(Long.toString(appId));
        if (!Files.exists(appDir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(appDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.warnf("cannot remove the log of app %d: %s", appId, e.getMessage());
        }
    }

    /** Bytes that are not UTF-8 (a write torn by a crash) read as replacement characters, not as an error. */
    private static BufferedReader reader(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8));
    }

    private static void write(Path appDir, CharSequence chunk) throws IOException {
        if (chunk.isEmpty()) {
            return;
        }
        try (Writer out = Files.newBufferedWriter(appDir.resolve(CURRENT), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.append(chunk);
        }
    }

    /** One record per line: seconds.nanos, source, process (- for none), text; the text is last, so it may hold tabs. */
    static String encode(LogLine line) {
        return line.time().getEpochSecond() + "." + line.time().getNano() + "\t" + line.source().word() + "\t"
                + (line.process() == null ? "-" : line.process()) + "\t" + line.text() + "\n";
    }

    static LogLine decode(String record) {
        String[] fields = record.split("\t", 4);
        if (fields.length < 4) {
            return null;
        }
        try {
            String[] time = fields[0].split("\\.", 2);
            Instant at = Instant.ofEpochSecond(Long.parseLong(time[0]), time.length > 1 ? Long.parseLong(time[1]) : 0);
            LogSource source = LogSource.of(fields[1]).orElse(null);
            return source == null ? null : new LogLine(at, source, "-".equals(fields[2]) ? null : fields[2], fields[3]);
        } catch (NumberFormatException | java.time.DateTimeException torn) {
            return null;
        }
    }

    /** What the current file holds, counted once when the app is first written to after a start. */
    private static final class Segment {
        long lines;
        long bytes;

        static Segment of(Path current) {
            Segment segment = new Segment();
            try (BufferedReader in = reader(current)) {
                String record;
                while ((record = in.readLine()) != null) {
                    segment.lines++;
                    segment.bytes += record.getBytes(StandardCharsets.UTF_8).length + 1;
                }
            } catch (IOException none) {
                // a new app: nothing yet
            }
            return segment;
        }
    }
}
