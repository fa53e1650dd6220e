package com.example.analytics.benchmarks;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a service restored from its changelogs, read from its log (streams-support logs each store partition's
 * restore as it starts and ends): the records restored and the time from the first restore starting to the last
 * one ending.
 */
record Restores(long records, Duration took) {

    private static final Pattern LINE = Pattern.compile("^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) .* (Restoring|Restored) "
            + "\\S+ from \\S+ \\((\\d+) records\\)");

    /** The restores logged in {@code log} after {@code fromByte}. */
    static Restores of(Path log, long fromByte) {
        LocalTime first = null;
        LocalTime last = null;
        long records = 0;
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(fromByte);
            byte[] rest = new byte[(int) (file.length() - fromByte)];
            file.readFully(rest);
            for (String line : new String(rest, StandardCharsets.UTF_8).split("\n")) {
                Matcher matcher = LINE.matcher(line);
                if (!matcher.find()) {
                    continue;
                }
                LocalTime at = LocalTime.parse(matcher.group(1));
                if (matcher.group(2).equals("Restoring")) {
                    first = first == null ? at : first;
                } else {
                    last = at;
                    records += Long.parseLong(matcher.group(3));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
        return new Restores(records, first == null || last == null ? Duration.ZERO : Duration.between(first, last));
    }

    @Override
    public String toString() {
        return String.format("restored %,d changelog records in %.1f s", records, took.toMillis() / 1000.0);
    }
}
