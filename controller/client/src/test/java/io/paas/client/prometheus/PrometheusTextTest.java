package io.paas.client.prometheus;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrometheusTextTest {
    @Test
    void familiesSamplesAndLabelsAsPrometheusReadsThem() {
        String text = new PrometheusText()
                .family("x_total", "counter", "Things, by kind.")
                .sample("x_total", 3, "kind", "a \"quoted\"\\ one\nand a line")
                .single("y", "gauge", "A gauge.", 0.25)
                .single("z", "gauge", "Whole.", -1)
                .toString();
        assertEquals("""
                # HELP x_total Things, by kind.
                # TYPE x_total counter
                x_total{kind="a \\"quoted\\"\\\\ one\\nand a line"} 3
                # HELP y A gauge.
                # TYPE y gauge
                y 0.25
                # HELP z Whole.
                # TYPE z gauge
                z -1
                """, text);
    }

    @Test
    void aHistogramHasCumulativeBucketsSumAndCount() {
        DurationHistogram histogram = new DurationHistogram(new double[] {0.1, 1});
        histogram.record(50_000_000);      // 0.05 s
        histogram.record(500_000_000);     // 0.5 s
        histogram.record(5_000_000_000L);  // 5 s
        PrometheusText out = new PrometheusText();
        histogram.writeTo(out, "d_seconds", "app", "a");
        assertEquals("""
                d_seconds_bucket{app="a",le="0.1"} 1
                d_seconds_bucket{app="a",le="1.0"} 2
                d_seconds_bucket{app="a",le="+Inf"} 3
                d_seconds_sum{app="a"} 5.55
                d_seconds_count{app="a"} 3
                """, out.toString());
        assertEquals(3, histogram.count());
        assertEquals(5.55, PrometheusSamples.parse(out.toString()).get("d_seconds_sum{app=\"a\"}"));
        assertEquals(List.of("d_seconds_bucket{app=\"a\",le=\"0.1\"} 1"), PrometheusSamples.undeclared(out.toString()).subList(0, 1),
                "no HELP or TYPE was written");
        out = new PrometheusText().family("d_seconds", "histogram", "Durations.");
        histogram.writeTo(out, "d_seconds", "app", "a");
        assertEquals(List.of(), PrometheusSamples.undeclared(out.toString()));
    }

    @Test
    void theJvmFiguresCarryThePrefix() {
        PrometheusText out = new PrometheusText();
        JvmFigures.writeTo(out, "paas_test");
        String text = out.toString();
        for (String name : new String[] {"paas_test_jvm_memory_used_bytes{area=\"heap\"} ",
                "paas_test_jvm_memory_used_bytes{area=\"nonheap\"} ", "paas_test_jvm_threads ",
                "# TYPE paas_test_jvm_gc_seconds_total counter", "paas_test_process_uptime_seconds "}) {
            assertTrue(text.contains(name), name + " in\n" + text);
        }
    }
}
