package io.paas.controller.console;

import io.paas.client.Api;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The console's charts from numbers alone: well-formed SVG a screen reader can name, tenant text inert in it. */
class SvgChartTest {
    private static final Instant FROM = Instant.parse("2026-12-05T12:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-05T13:00:00Z");

    @Test
    void aChartHasATitleADescriptionAndOnePathPerLineEachWithItsOwnDashAndLabel() throws Exception {
        SvgChart chart = new SvgChart("requests", "Requests per minute", "Requests by class.", FROM, TO, v -> (long) v + "/min")
                .line("2xx", points(10.0, 30.0, 20.0, 5.0))
                .line("4xx", points(1.0, 0.0, 2.0, 0.0))
                .line("5xx", points(0.0, 0.0, 0.0, 1.0));
        String svg = chart.svg();
        Document doc = parse(svg);
        Element root = doc.getDocumentElement();
        assertEquals("svg", root.getTagName());
        assertEquals("img", root.getAttribute("role"));
        assertEquals("requests-title requests-desc", root.getAttribute("aria-labelledby"));
        assertEquals("Requests per minute", text(doc, "title").get(0));
        assertEquals("Requests by class. From 12:00 to 13:00 UTC. 2xx: highest 30/min, last 5/min. "
                + "4xx: highest 2/min, last 0/min. 5xx: highest 1/min, last 1/min.", text(doc, "desc").get(0));
        NodeList paths = doc.getElementsByTagName("path");
        assertEquals(3, paths.getLength());
        Set<String> dashes = new HashSet<>();
        for (int i = 0; i < paths.getLength(); i++) {
            dashes.add(((Element) paths.item(i)).getAttribute("stroke-dasharray"));
        }
        assertEquals(3, dashes.size(), "each line its own dash pattern: " + dashes);
        List<String> texts = text(doc, "text");
        // each label twice: at its line's end and in the legend; the axis reads 0, half and a round top (50)
        for (String label : List.of("2xx", "4xx", "5xx")) {
            assertEquals(2, texts.stream().filter(label::equals).count(), label + " in " + texts);
        }
        assertTrue(texts.containsAll(List.of("0/min", "25/min", "50/min", "12:00", "12:30", "13:00", "time (UTC)")), texts.toString());
        assertFalse(svg.contains("style="), "the CSP allows no inline style: presentation attributes only");
    }

    @Test
    void tenantTextIsEscapedAndTheSvgStaysWellFormed() throws Exception {
        String hostile = "web</text><script>alert(1)</script>&\"'\u0000\u0007";
        String svg = new SvgChart("m\"><script>", "<b>title</b>", "desc <i>", FROM, TO, v -> v + " MB")
                .line(hostile, points(1.0, 2.0)).svg();
        assertFalse(svg.contains("<script") || svg.contains("<b>") || svg.contains("<i>"), svg);
        Document doc = parse(svg);
        assertEquals("<b>title</b>", text(doc, "title").get(0));
        assertTrue(text(doc, "text").contains("web</text><script>alert…"), text(doc, "text").toString());
        assertTrue(text(doc, "desc").get(0).contains("web</text><script>alert(1)</script>&\"'\uFFFD\uFFFD: highest"),
                text(doc, "desc").get(0));
        assertEquals("a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39; \uD83D\uDE00 \uFFFD", SvgChart.xml("a & b <c> \"d\" 'e' \uD83D\uDE00 \uD800"));
    }

    @Test
    void aGapBreaksTheLineAndAPointAloneIsADot() throws Exception {
        Document doc = parse(new SvgChart("p", "Latency", "", FROM, TO, v -> v + " ms")
                .line("p99", points(5.0, 6.0, null, 7.0, null, 8.0, 9.0)).svg());
        String d = ((Element) doc.getElementsByTagName("path").item(0)).getAttribute("d");
        assertEquals(2, d.chars().filter(c -> c == 'M').count(), d);
        assertEquals(1, doc.getElementsByTagName("circle").getLength(), "7 stands alone between two gaps");
        Document empty = parse(new SvgChart("e", "Memory", "", FROM, TO, v -> v + " MB").line("web.1", points(null, null)).svg());
        assertEquals(0, empty.getElementsByTagName("path").getLength());
        assertTrue(text(empty, "text").contains("No figures in this range"));
        assertTrue(text(empty, "desc").get(0).endsWith("web.1: no figures."));
    }

    @Test
    void namesOfLinesEndingTogetherAreMovedApart() throws Exception {
        Document doc = parse(new SvgChart("z", "Requests", "", FROM, TO, v -> v + "/min")
                .line("2xx", points(5.0, 9.0)).line("4xx", points(0.0, 0.0)).line("5xx", points(0.0, 0.0)).svg());
        List<Double> ys = new ArrayList<>();
        NodeList texts = doc.getElementsByTagName("text");
        for (int i = 0; i < texts.getLength(); i++) {
            Element text = (Element) texts.item(i);
            if (text.getTextContent().endsWith("xx") && text.hasAttribute("dy")) {
                ys.add(Double.parseDouble(text.getAttribute("y")));
            }
        }
        assertEquals(3, ys.size(), ys.toString());
        ys.sort(null);
        assertTrue(ys.get(1) - ys.get(0) >= 14 && ys.get(2) - ys.get(1) >= 14, "a text line apart at least: " + ys);
    }

    @Test
    void theAxisTopIsARoundNumberAtOrAboveTheHighest() {
        assertEquals(1, SvgChart.niceCeiling(0));
        assertEquals(1, SvgChart.niceCeiling(Double.NaN));
        assertEquals(1, SvgChart.niceCeiling(0.7));
        assertEquals(2, SvgChart.niceCeiling(1.5));
        assertEquals(50, SvgChart.niceCeiling(30));
        assertEquals(100, SvgChart.niceCeiling(51));
        assertEquals(1000, SvgChart.niceCeiling(1000));
        assertEquals(2e9, SvgChart.niceCeiling(1.2e9));
    }

    @Test
    void metricChartsSumTheMinutesIntoStepsAndLeaveGapsWhereThereWasNothing() throws Exception {
        Instant now = Instant.parse("2026-12-05T12:59:30Z");
        Api.Metrics metrics = new Api.Metrics(
                List.of(new Api.RequestMinute("2026-12-05T12:10:00Z", 0, 7, 0, 2, 1, 8, 1024),
                        new Api.RequestMinute("2026-12-05T12:11:00Z", 0, 3, 1, 0, 0, 16, 32),
                        new Api.RequestMinute("2026-12-05T10:00:00Z", 0, 99, 0, 0, 0, 1, 1)),
                List.of(new Api.ProcessMinute("2026-12-05T12:10:00Z", "web.1", 64L * 1048576, 1.5),
                        new Api.ProcessMinute("2026-12-05T12:12:00Z", "web.1", 80L * 1048576, 1.5),
                        new Api.ProcessMinute("2026-12-05T12:12:00Z", "<worker>.1", 5L * 1048576 / 2, 0.1)));
        MetricCharts hour = new MetricCharts(metrics, MetricCharts.Range.HOUR, now);
        assertEquals(List.of(new MetricCharts.RequestRow("12:10", 0, 7, 0, 2, 1, 8, 1024),
                new MetricCharts.RequestRow("12:11", 0, 3, 1, 0, 0, 16, 32)), hour.requestRows(), "10:00 is outside the hour");
        assertEquals(List.of("<worker>.1", "web.1"), hour.processes());
        assertEquals(List.of(new MetricCharts.MemoryRow("12:10", List.of("-", "64 MB")),
                new MetricCharts.MemoryRow("12:12", List.of("2.5 MB", "80 MB"))), hour.memoryRows());
        Document requests = parse(hour.requestsSvg());
        assertEquals(4, requests.getElementsByTagName("path").getLength(), "2xx, 5xx, 4xx, and 3xx as there was one");
        assertTrue(text(requests, "desc").get(0).contains("2xx: highest 7/min, last 0/min."), text(requests, "desc").get(0));
        Document latency = parse(hour.latencySvg());
        assertTrue(text(latency, "desc").get(0).contains("p99: highest 1024 ms, last 32 ms."), text(latency, "desc").get(0));
        assertTrue(parse(hour.memorySvg()).getElementsByTagName("circle").getLength() >= 1, "<worker>.1 ran one minute");
        assertFalse(hour.memorySvg().contains("<worker>"));

        MetricCharts day = new MetricCharts(metrics, MetricCharts.Range.DAY, now);
        List<MetricCharts.RequestRow> rows = day.requestRows();
        assertEquals(2, rows.size(), rows.toString());
        assertEquals("10:00–10:15", rows.get(0).time());
        // 12:10 and 12:11 in one step: counts summed, p50 weighted by requests ((8*10 + 16*4) / 14), p99 the worst
        assertEquals(new MetricCharts.RequestRow("12:00–12:15", 0, 10, 1, 2, 1, 10, 1024), rows.get(1));
        assertTrue(text(parse(day.requestsSvg()), "desc").get(0).contains("averaged over 15 minutes"));
        assertEquals(MetricCharts.Range.DAY, MetricCharts.Range.named("day"));
        assertEquals(MetricCharts.Range.HOUR, MetricCharts.Range.named("<script>"));
    }

    private static List<SvgChart.Point> points(Double... values) {
        List<SvgChart.Point> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            points.add(new SvgChart.Point(FROM.plusSeconds(60L * 10 * i), values[i]));
        }
        return points;
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> text(Document doc, String tag) {
        NodeList nodes = doc.getElementsByTagName(tag);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }
}
