package io.paas.controller.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * A line chart over time as an SVG element, made on the server from numbers: axes with their labels, one path
 * per line, and for readers who do not tell colours apart each line has its own dash pattern, a label at its
 * end and an entry in a legend in text; a title and a description (each line's highest and last value) for
 * screen readers. Styling is by SVG presentation attributes (stroke, fill), never a style attribute, which the
 * console's Content-Security-Policy would refuse.
 *
 * <p>The page inserts this markup unescaped (?no_esc): every text in it is escaped here by {@link #xml},
 * including labels a tenant chose (process types come from their Procfile). Numbers are formatted by us.
 */
public final class SvgChart {
    static final int WIDTH = 720;
    private static final int LEFT = 78;
    private static final int RIGHT = WIDTH - 110;
    private static final int TOP = 16;
    private static final int PLOT_HEIGHT = 200;
    private static final int BOTTOM = TOP + PLOT_HEIGHT;
    private static final int LEGEND_COLUMNS = 3;
    private static final int LEGEND_ROW = 22;
    private static final int LABEL_GAP = 14;
    private static final String[] COLOURS = {"#0b5cad", "#b42318", "#9a6700", "#8250df", "#57606a", "#1a7f37", "#bf3989"};
    /** Solid, dashed, dotted, dash-dot...: told apart in grey, in print and by readers who do not see colour. */
    private static final String[] DASHES = {null, "9 4", "2 3", "12 4 2 4", "5 5", "1 5", "14 3 2 3 2 3"};
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** A value at a time; value null: nothing then (the line breaks there). */
    public record Point(Instant at, Double value) {
    }

    /** One line: its label, shown at its end and in the legend, and its points in time order. */
    public record Line(String label, List<Point> points) {
    }

    private final String id;
    private final String title;
    private final String description;
    private final Instant from;
    private final Instant to;
    private final DoubleFunction<String> format;
    private final List<Line> lines = new ArrayList<>();

    /**
     * @param id          unique in the page: the title's and description's element ids start with it
     * @param format      how a value reads on the axis and in the description ("12 ms")
     */
    public SvgChart(String id, String title, String description, Instant from, Instant to, DoubleFunction<String> format) {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("a chart's time runs forward: " + from + " to " + to);
        }
        this.id = id;
        this.title = title;
        this.description = description;
        this.from = from;
        this.to = to;
        this.format = format;
    }

    public SvgChart line(String label, List<Point> points) {
        lines.add(new Line(label, List.copyOf(points)));
        return this;
    }

    public String svg() {
        double top = niceCeiling(lines.stream().flatMap(l -> l.points().stream()).map(Point::value)
                .filter(v -> v != null).mapToDouble(Double::doubleValue).max().orElse(0));
        int legendRows = (lines.size() + LEGEND_COLUMNS - 1) / LEGEND_COLUMNS;
        int height = BOTTOM + 48 + legendRows * LEGEND_ROW;
        StringBuilder svg = new StringBuilder(4096);
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(height).append("\" role=\"img\" aria-labelledby=\"").append(xml(id)).append("-title ")
                .append(xml(id)).append("-desc\" font-family=\"system-ui, sans-serif\" font-size=\"13\">\n");
        svg.append("<title id=\"").append(xml(id)).append("-title\">").append(xml(title)).append("</title>\n");
        svg.append("<desc id=\"").append(xml(id)).append("-desc\">").append(xml(summary())).append("</desc>\n");
        axes(svg, top);
        List<EndLabel> ends = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            path(svg, lines.get(i), i, top, ends);
        }
        endLabels(svg, ends);
        if (lines.stream().allMatch(l -> l.points().stream().allMatch(p -> p.value() == null))) {
            svg.append("<text x=\"").append((LEFT + RIGHT) / 2).append("\" y=\"").append(TOP + PLOT_HEIGHT / 2)
                    .append("\" text-anchor=\"middle\" fill=\"#57606a\">No figures in this range</text>\n");
        }
        legend(svg);
        return svg.append("</svg>").toString();
    }

    /** What the picture says, in words: the description screen readers read. */
    String summary() {
        StringBuilder text = new StringBuilder(description).append(" From ").append(CLOCK.format(from)).append(" to ")
                .append(CLOCK.format(to)).append(" UTC.");
        for (Line line : lines) {
            List<Double> values = line.points().stream().map(Point::value).filter(v -> v != null).toList();
            text.append(' ').append(line.label()).append(": ");
            if (values.isEmpty()) {
                text.append("no figures.");
            } else {
                text.append("highest ").append(format.apply(values.stream().mapToDouble(Double::doubleValue).max().orElseThrow()))
                        .append(", last ").append(format.apply(values.get(values.size() - 1))).append('.');
            }
        }
        return text.toString();
    }

    private void axes(StringBuilder svg, double top) {
        for (int i = 0; i <= 2; i++) {
            double value = top * i / 2;
            String y = number(y(value, top));
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(RIGHT).append("\" y1=\"").append(y)
                    .append("\" y2=\"").append(y).append("\" stroke=\"").append(i == 0 ? "#1b1f24" : "#d0d7de")
                    .append("\" stroke-width=\"1\"/>\n");
            svg.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(y)
                    .append("\" dy=\"4\" text-anchor=\"end\" fill=\"#1b1f24\">").append(xml(format.apply(value))).append("</text>\n");
        }
        svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(LEFT).append("\" y1=\"").append(TOP)
                .append("\" y2=\"").append(BOTTOM).append("\" stroke=\"#1b1f24\" stroke-width=\"1\"/>\n");
        Duration span = Duration.between(from, to);
        for (int i = 0; i <= 4; i++) {
            Instant at = from.plus(span.multipliedBy(i).dividedBy(4));
            String x = number(x(at));
            svg.append("<line x1=\"").append(x).append("\" x2=\"").append(x).append("\" y1=\"").append(BOTTOM)
                    .append("\" y2=\"").append(BOTTOM + 5).append("\" stroke=\"#1b1f24\"/>\n");
            svg.append("<text x=\"").append(x).append("\" y=\"").append(BOTTOM + 20)
                    .append("\" text-anchor=\"middle\" fill=\"#1b1f24\">").append(CLOCK.format(at)).append("</text>\n");
        }
        svg.append("<text x=\"").append(RIGHT).append("\" y=\"").append(BOTTOM + 38)
                .append("\" text-anchor=\"end\" fill=\"#57606a\">time (UTC)</text>\n");
    }

    /** One path; a point alone between gaps is a dot, as a path of one point draws nothing. */
    private void path(StringBuilder svg, Line line, int index, double top, List<EndLabel> ends) {
        String colour = COLOURS[index % COLOURS.length];
        StringBuilder d = new StringBuilder();
        List<Point> segment = new ArrayList<>();
        Point last = null;
        for (Point point : line.points()) {
            if (point.value() == null) {
                flush(svg, d, segment, colour, top);
                continue;
            }
            segment.add(point);
            last = point;
        }
        flush(svg, d, segment, colour, top);
        if (!d.isEmpty()) {
            svg.append("<path d=\"").append(d.toString().strip()).append("\" fill=\"none\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"2\"");
            String dash = DASHES[index % DASHES.length];
            if (dash != null) {
                svg.append(" stroke-dasharray=\"").append(dash).append('"');
            }
            svg.append("/>\n");
        }
        if (last != null) {
            ends.add(new EndLabel(x(last.at()) + 6, y(last.value(), top), colour, line.label()));
        }
    }

    /** A line's name at its end: no need to match a colour to the legend. */
    private record EndLabel(double x, double y, String colour, String label) {
    }

    /** Names of lines ending close together (three flat at 0) are moved apart, a text line each, to stay legible. */
    private static void endLabels(StringBuilder svg, List<EndLabel> ends) {
        List<EndLabel> placed = new ArrayList<>();
        // lowest first, each moved up past those placed: upwards there is room, below are the time labels
        ends.stream().sorted(Comparator.comparingDouble(EndLabel::y).reversed()).forEach(end -> {
            double y = end.y();
            for (EndLabel other : placed) {
                if (Math.abs(other.x() - end.x()) < 60 && other.y() - y < LABEL_GAP) {
                    y = other.y() - LABEL_GAP;
                }
            }
            placed.add(new EndLabel(end.x(), y, end.colour(), end.label()));
        });
        for (EndLabel end : placed) {
            svg.append("<text x=\"").append(number(end.x())).append("\" y=\"").append(number(end.y()))
                    .append("\" dy=\"4\" fill=\"").append(end.colour()).append("\">").append(xml(shortened(end.label())))
                    .append("</text>\n");
        }
    }

    private void flush(StringBuilder svg, StringBuilder d, List<Point> segment, String colour, double top) {
        if (segment.size() == 1) {
            Point alone = segment.get(0);
            svg.append("<circle cx=\"").append(number(x(alone.at()))).append("\" cy=\"").append(number(y(alone.value(), top)))
                    .append("\" r=\"3\" fill=\"").append(colour).append("\"/>\n");
        } else {
            for (int i = 0; i < segment.size(); i++) {
                Point p = segment.get(i);
                d.append(i == 0 ? "M" : "L").append(number(x(p.at()))).append(' ').append(number(y(p.value(), top))).append(' ');
            }
        }
        segment.clear();
    }

    private void legend(StringBuilder svg) {
        int columnWidth = (WIDTH - LEFT) / LEGEND_COLUMNS;
        for (int i = 0; i < lines.size(); i++) {
            int x = LEFT + (i % LEGEND_COLUMNS) * columnWidth;
            int y = BOTTOM + 58 + (i / LEGEND_COLUMNS) * LEGEND_ROW;
            String colour = COLOURS[i % COLOURS.length];
            String dash = DASHES[i % DASHES.length];
            svg.append("<line x1=\"").append(x).append("\" x2=\"").append(x + 36).append("\" y1=\"").append(y - 4)
                    .append("\" y2=\"").append(y - 4).append("\" stroke=\"").append(colour).append("\" stroke-width=\"2\"")
                    .append(dash == null ? "" : " stroke-dasharray=\"" + dash + "\"").append("/>\n");
            svg.append("<text x=\"").append(x + 42).append("\" y=\"").append(y).append("\" fill=\"#1b1f24\">")
                    .append(xml(shortened(lines.get(i).label()))).append("</text>\n");
        }
    }

    private double x(Instant at) {
        double share = (double) Duration.between(from, at).toMillis() / Duration.between(from, to).toMillis();
        return LEFT + Math.max(0, Math.min(1, share)) * (RIGHT - LEFT);
    }

    private static double y(double value, double top) {
        return BOTTOM - Math.max(0, Math.min(1, value / top)) * PLOT_HEIGHT;
    }

    /** The axis's top: 1, 2 or 5 times a power of ten, at or above the highest value (1 when there is none). */
    static double niceCeiling(double highest) {
        if (!(highest > 0) || Double.isInfinite(highest)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(highest)));
        double share = highest / power;
        double nice = share <= 1 ? 1 : share <= 2 ? 2 : share <= 5 ? 5 : 10;
        return nice * power;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String shortened(String label) {
        return label.length() <= 24 ? label : label.substring(0, 23) + "…";
    }

    /**
     * Text as XML character data or an attribute value: the five markup characters escaped, and characters
     * XML may not hold (controls, lone surrogates) replaced, so no tenant text can end an element or open one.
     */
    static String xml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || Character.isSurrogate(c)
                            || c == 0xFFFE || c == 0xFFFF) {
                        out.append('\uFFFD');
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
