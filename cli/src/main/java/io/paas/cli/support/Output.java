package io.paas.cli.support;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.paas.client.ControllerClient;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/** Heroku-like text output: "Doing x... done", "=== headings", aligned tables and key: value lists. */
public class Output {
    private final PrintWriter out;

    public Output(PrintWriter out) {
        this.out = out;
    }

    /** Prints "label... " before the work and "done" (plus the suffix) after, or "!" when it fails. */
    public <T> T action(String label, Supplier<T> work, Function<T, String> suffix) {
        out.print(label + "... ");
        out.flush();
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            out.println("!");
            out.flush();
            throw e;
        }
        String more = suffix.apply(result);
        out.println("done" + (more == null || more.isEmpty() ? "" : ", " + more));
        out.flush();
        return result;
    }

    public void action(String label, Runnable work) {
        action(label, () -> {
            work.run();
            return null;
        }, ignored -> null);
    }

    public void heading(String text) {
        out.println("=== " + text);
    }

    public void line(String text) {
        out.println(text);
    }

    public void json(Object value) {
        try {
            out.println(ControllerClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new CliException("cannot print JSON: " + e.getMessage());
        }
    }

    /** "Key:  value" lines with the values aligned. */
    public void keyValues(Map<String, String> values) {
        int width = values.keySet().stream().mapToInt(String::length).max().orElse(0) + 1;
        values.forEach((key, value) -> out.println(pad(key + ":", width) + " " + (value == null ? "" : value)));
    }

    /** Columns separated by two spaces, each as wide as its widest cell. */
    public void table(List<String> headers, List<List<String>> rows) {
        List<List<String>> all = new ArrayList<>();
        all.add(headers);
        all.addAll(rows);
        int[] widths = new int[headers.size()];
        for (List<String> row : all) {
            for (int i = 0; i < widths.length; i++) {
                widths[i] = Math.max(widths[i], cell(row, i).length());
            }
        }
        for (List<String> row : all) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < widths.length; i++) {
                line.append(i == 0 ? "" : "  ").append(pad(cell(row, i), widths[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** An ISO-8601 time without its fractions of a second; other text as it is. */
    public static String time(String iso) {
        if (iso == null) {
            return "";
        }
        try {
            return Instant.parse(iso).truncatedTo(ChronoUnit.SECONDS).toString();
        } catch (DateTimeParseException e) {
            return iso;
        }
    }

    private static String cell(List<String> row, int i) {
        String value = i < row.size() ? row.get(i) : null;
        return value == null ? "" : value;
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
