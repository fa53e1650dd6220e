package com.example.analytics.launcher.view;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the samples of a Prometheus text exposition ({@code /actuator/prometheus}). The Prometheus Java client
 * only writes this format, so the few lines needed to read it back are here.
 */
final class PrometheusText {

    /** One line of the exposition: {@code name{label="value",...} value}. */
    record Series(String name, Map<String, String> labels, double value) {

        String label(String label) {
            return labels.getOrDefault(label, "");
        }
    }

    private PrometheusText() {
    }

    /** Every sample line; comments ({@code # HELP}, {@code # TYPE}) and blank lines are skipped. */
    static List<Series> parse(String exposition) {
        List<Series> series = new ArrayList<>();
        for (String line : exposition.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                series.add(parseLine(line.strip()));
            }
        }
        return series;
    }

    private static Series parseLine(String line) {
        try {
            return parseSeries(line);
        } catch (IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("not a Prometheus sample line: " + line, e);
        }
    }

    private static Series parseSeries(String line) {
        int nameEnd = 0;
        while (nameEnd < line.length() && line.charAt(nameEnd) != '{' && line.charAt(nameEnd) != ' ') {
            nameEnd++;
        }
        String name = line.substring(0, nameEnd);
        Map<String, String> labels = new LinkedHashMap<>();
        int position = nameEnd;
        if (position < line.length() && line.charAt(position) == '{') {
            position = parseLabels(line, position + 1, labels);
        }
        // The value may be followed by a timestamp, which Micrometer never writes but the format allows.
        String[] rest = line.substring(position).strip().split(" ");
        return new Series(name, labels, parseValue(rest[0], line));
    }

    /** @return the position after the closing brace */
    private static int parseLabels(String line, int position, Map<String, String> labels) {
        while (line.charAt(position) != '}') {
            int equals = line.indexOf('=', position);
            String label = line.substring(position, equals).strip();
            StringBuilder value = new StringBuilder();
            // Label values are quoted; inside them only \\, \" and \n are escaped.
            int i = equals + 2;
            for (char c = line.charAt(i); c != '"'; c = line.charAt(++i)) {
                if (c == '\\') {
                    char escaped = line.charAt(++i);
                    value.append(escaped == 'n' ? '\n' : escaped);
                } else {
                    value.append(c);
                }
            }
            labels.put(label, value.toString());
            position = i + 1;
            if (line.charAt(position) == ',') {
                position++;
            }
        }
        return position + 1;
    }

    private static double parseValue(String text, String line) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("not a Prometheus sample line: " + line, e);
                }
            }
        };
    }
}
