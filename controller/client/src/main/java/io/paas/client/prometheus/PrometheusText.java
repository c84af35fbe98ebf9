package io.paas.client.prometheus;

/**
 * Prometheus text exposition (format 0.0.4), written by hand: the router, controller and builder
 * each serve their figures with it on their loopback admin port, and no metrics library (with its
 * registry, threads and memory) is needed for a few dozen series.
 */
public final class PrometheusText {
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final StringBuilder out = new StringBuilder(4096);

    /** Starts a metric family: its HELP and TYPE lines (type: counter, gauge or histogram). */
    public PrometheusText family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    /** A counter or gauge family with one sample and no labels. */
    public PrometheusText single(String name, String type, String help, double value) {
        return family(name, type, help).sample(name, value);
    }

    /** One sample; labels are name, value pairs. */
    public PrometheusText sample(String name, double value, String... labels) {
        out.append(name);
        labels(labels, null);
        out.append(' ').append(number(value)).append('\n');
        return this;
    }

    /**
     * The samples of one histogram: cumulative _bucket lines (le = each upper bound, then +Inf),
     * _sum and _count. counts holds the count of each bucket alone, the last one past every bound.
     */
    public PrometheusText histogram(String name, double[] bounds, long[] counts, double sum, String... labels) {
        long cumulative = 0;
        for (int i = 0; i <= bounds.length; i++) {
            cumulative += counts[i];
            out.append(name).append("_bucket");
            labels(labels, i < bounds.length ? Double.toString(bounds[i]) : "+Inf");
            out.append(' ').append(cumulative).append('\n');
        }
        out.append(name).append("_sum");
        labels(labels, null);
        out.append(' ').append(sum).append('\n');
        out.append(name).append("_count");
        labels(labels, null);
        out.append(' ').append(cumulative).append('\n');
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void labels(String[] labels, String le) {
        if (labels.length % 2 != 0) {
            throw new IllegalArgumentException("labels come in name, value pairs");
        }
        if (labels.length == 0 && le == null) {
            return;
        }
        out.append('{');
        for (int i = 0; i < labels.length; i += 2) {
            if (i > 0) {
                out.append(',');
            }
            out.append(labels[i]).append("=\"").append(escape(labels[i + 1])).append('"');
        }
        if (le != null) {
            out.append(labels.length > 0 ? "," : "").append("le=\"").append(le).append('"');
        }
        out.append('}');
    }

    /** Whole numbers without a fraction (counters read as integers), others as Java writes doubles. */
    private static String number(double value) {
        if (value == Math.rint(value) && !Double.isInfinite(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.isNaN(value) ? "NaN" : Double.isInfinite(value) ? (value > 0 ? "+Inf" : "-Inf") : Double.toString(value);
    }

    static String escape(String value) {
        return (value == null ? "" : value).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
