package io.paas.client.prometheus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads Prometheus text back, as a scraper would: what the parts' tests check their /metrics with. */
public final class PrometheusSamples {
    private PrometheusSamples() {
    }

    /** Each sample (name and labels as written, `x_total{kind="a"}`) and its value. */
    public static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                String value = line.substring(space + 1);
                samples.put(line.substring(0, space), switch (value) {
                    case "+Inf" -> Double.POSITIVE_INFINITY;
                    case "-Inf" -> Double.NEGATIVE_INFINITY;
                    default -> Double.parseDouble(value);
                });
            }
        }
        return samples;
    }

    /** The sample lines whose family has no HELP or no TYPE line before them (none, when the text is right). */
    public static List<String> undeclared(String text) {
        Set<String> help = new HashSet<>();
        Set<String> typed = new HashSet<>();
        List<String> undeclared = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# HELP ")) {
                help.add(line.split(" ")[2]);
            } else if (line.startsWith("# TYPE ")) {
                typed.add(line.split(" ")[2]);
            } else if (!line.isEmpty() && !line.startsWith("#")) {
                String name = line.split("[{ ]")[0];
                String family = typed.contains(name) ? name : name.replaceAll("_(bucket|sum|count)$", "");
                if (!help.contains(family) || !typed.contains(family)) {
                    undeclared.add(line);
                }
            }
        }
        return undeclared;
    }
}
