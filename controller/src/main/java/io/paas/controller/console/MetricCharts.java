package io.paas.controller.console;

import io.paas.client.Api;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToIntFunction;

/**
 * An app's metrics page's pictures and tables, from the API's per-minute series: requests per minute by status
 * class, latency p50/p99 and each process's memory. A minute is one step over the last hour; over the last day
 * a step is 15 minutes: requests are averaged per minute over the step, p50 is the requests' weighted mean of
 * the minutes' p50, p99 and memory are the step's highest (the worst minute is what one looks for).
 */
public final class MetricCharts {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** A range the page offers: its name in the address, how many minutes, and the minutes in a step. */
    public enum Range {
        HOUR("hour", "the last hour", 60, 1),
        DAY("day", "the last day", 24 * 60, 15);

        public final String name;
        public final String words;
        public final int minutes;
        public final int step;

        Range(String name, String words, int minutes, int step) {
            this.name = name;
            this.words = words;
            this.minutes = minutes;
            this.step = step;
        }

        /** day, or the hour for anything else (the address is the user's to type). */
        public static Range named(String name) {
            return "day".equals(name) ? DAY : HOUR;
        }
    }

    /** A row of the requests table: one step's counts by class and its latency (null without requests). */
    public record RequestRow(String time, int informational, int success, int redirect, int clientError, int serverError,
                             Integer p50Ms, Integer p99Ms) {
    }

    /** A row of the memory table: one step, each process's highest memory in MB ("-" when it did not run). */
    public record MemoryRow(String time, List<String> megabytes) {
    }

    private final Range range;
    private final Instant from;
    private final Instant to;
    private final List<Step> steps = new ArrayList<>();
    private final TreeSet<String> processes = new TreeSet<>();

    /** One step's figures, summed as they come in. */
    private static final class Step {
        final Instant start;
        final int[] classes = new int[5];
        long weightedP50;
        int p99 = -1;
        final Map<String, Long> memory = new TreeMap<>();

        Step(Instant start) {
            this.start = start;
        }

        int requests() {
            return classes[0] + classes[1] + classes[2] + classes[3] + classes[4];
        }
    }

    /** now: the current minute is the last one shown, as the API counts its minutes. */
    public MetricCharts(Api.Metrics metrics, Range range, Instant now) {
        this.range = range;
        Instant end = now.truncatedTo(ChronoUnit.MINUTES);
        this.from = end.minus(Duration.ofMinutes(range.minutes - 1L));
        this.to = end.plus(Duration.ofMinutes(1));
        for (Instant at = from; at.isBefore(to); at = at.plus(Duration.ofMinutes(range.step))) {
            steps.add(new Step(at));
        }
        for (Api.RequestMinute minute : metrics.requests()) {
            Step step = step(minute.minute());
            if (step != null) {
                int[] counts = {minute.informational(), minute.success(), minute.redirect(), minute.clientError(),
                        minute.serverError()};
                int requests = 0;
                for (int i = 0; i < counts.length; i++) {
                    step.classes[i] += counts[i];
                    requests += counts[i];
                }
                step.weightedP50 += (long) minute.p50Ms() * requests;
                step.p99 = Math.max(step.p99, minute.p99Ms());
            }
        }
        for (Api.ProcessMinute minute : metrics.processes()) {
            Step step = step(minute.minute());
            if (step != null) {
                step.memory.merge(minute.process(), minute.memoryBytes(), Math::max);
                processes.add(minute.process());
            }
        }
    }

    private Step step(String minute) {
        Instant at = Instant.parse(minute);
        if (at.isBefore(from) || !at.isBefore(to)) {
            return null;
        }
        return steps.get((int) (Duration.between(from, at).toMinutes() / range.step));
    }

    public Range range() {
        return range;
    }

    /** 2xx, 4xx and 5xx always (a flat 5xx line at 0 says something); 3xx and 1xx when there were any. */
    public String requestsSvg() {
        SvgChart chart = new SvgChart("requests", "Requests per minute by status class, " + range.words,
                "Requests per minute" + (range.step > 1 ? " (averaged over " + range.step + " minutes)" : "")
                        + " by status class.", from, to, MetricCharts::perMinute);
        String[] labels = {"1xx", "2xx", "3xx", "4xx", "5xx"};
        for (int i : new int[]{1, 4, 3, 2, 0}) {
            int index = i;
            if (index == 1 || index >= 3 || steps.stream().anyMatch(s -> s.classes[index] > 0)) {
                chart.line(labels[index], series(s -> s.classes[index], true));
            }
        }
        return chart.svg();
    }

    public String latencySvg() {
        SvgChart chart = new SvgChart("latency", "Latency p50 and p99, " + range.words,
                "How long requests took: half were faster than p50, 99 in 100 faster than p99. No line where there "
                        + "were no requests.", from, to, v -> Math.round(v) + " ms");
        chart.line("p50", series(s -> s.requests() == 0 ? -1 : (int) Math.round((double) s.weightedP50 / s.requests()), false));
        chart.line("p99", series(s -> s.requests() == 0 ? -1 : s.p99, false));
        return chart.svg();
    }

    public String memorySvg() {
        SvgChart chart = new SvgChart("memory", "Memory of each process, " + range.words,
                "Memory each process used" + (range.step > 1 ? " (the highest of each " + range.step + " minutes)" : "")
                        + ". No line where a process did not run.", from, to, MetricCharts::megabytes);
        for (String process : processes) {
            List<SvgChart.Point> points = new ArrayList<>();
            for (Step step : steps) {
                Long bytes = step.memory.get(process);
                points.add(new SvgChart.Point(step.start, bytes == null ? null : bytes / 1048576.0));
            }
            chart.line(process, points);
        }
        return chart.svg();
    }

    /** Steps with requests, oldest first. */
    public List<RequestRow> requestRows() {
        return steps.stream().filter(s -> s.requests() > 0).map(s -> new RequestRow(time(s), s.classes[0], s.classes[1],
                s.classes[2], s.classes[3], s.classes[4], (int) Math.round((double) s.weightedP50 / s.requests()), s.p99))
                .toList();
    }

    /** The processes named in the range, in name order: the memory table's columns. */
    public List<String> processes() {
        return List.copyOf(processes);
    }

    /** Steps in which some process ran, oldest first. */
    public List<MemoryRow> memoryRows() {
        return steps.stream().filter(s -> !s.memory.isEmpty()).map(s -> new MemoryRow(time(s), processes.stream()
                .map(p -> s.memory.containsKey(p) ? megabytes(s.memory.get(p) / 1048576.0) : "-").toList())).toList();
    }

    /** counts: a missing step is 0 requests; otherwise (value below 0) a gap. */
    private List<SvgChart.Point> series(ToIntFunction<Step> value, boolean counts) {
        List<SvgChart.Point> points = new ArrayList<>();
        for (Step step : steps) {
            int v = value.applyAsInt(step);
            points.add(new SvgChart.Point(step.start, counts ? Double.valueOf((double) v / range.step)
                    : v < 0 ? null : Double.valueOf(v)));
        }
        return points;
    }

    private String time(Step step) {
        return CLOCK.format(step.start) + (range.step > 1 ? "–" + CLOCK.format(step.start.plus(Duration.ofMinutes(range.step))) : "");
    }

    private static String perMinute(double value) {
        return (value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value)) + "/min";
    }

    private static String megabytes(double value) {
        return (value < 10 && value != Math.rint(value) ? String.format(Locale.ROOT, "%.1f", value)
                : String.valueOf(Math.round(value))) + " MB";
    }
}
