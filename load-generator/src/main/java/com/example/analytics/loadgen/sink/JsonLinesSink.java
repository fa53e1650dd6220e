package com.example.analytics.loadgen.sink;

import com.example.analytics.loadgen.GeneratedRecord;
import com.example.analytics.model.json.Json;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One JSON object per line: {@code topic}, {@code key} and {@code value} as text, or {@code key_base64} /
 * {@code value_base64} for bytes that are not UTF-8 (bad records), so a file can be replayed byte for byte.
 */
public final class JsonLinesSink implements AutoCloseable {

    private final BufferedWriter writer;

    public JsonLinesSink(Writer writer) {
        this.writer = writer instanceof BufferedWriter buffered ? buffered : new BufferedWriter(writer, 1 << 16);
    }

    public long write(Iterator<GeneratedRecord> records, Pacer pacer) throws IOException, InterruptedException {
        long written = 0;
        while (records.hasNext()) {
            GeneratedRecord record = records.next();
            pacer.await(record.eventTimeMillis());
            write(record);
            written++;
        }
        writer.flush();
        return written;
    }

    public void write(GeneratedRecord record) throws IOException {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("topic", record.topic());
        put(line, "key", record.key());
        put(line, "value", record.value());
        writer.write(Json.mapper().writeValueAsString(line));
        writer.newLine();
    }

    private static void put(Map<String, Object> line, String name, byte[] bytes) {
        if (bytes == null) {
            line.put(name, null);
            return;
        }
        try {
            line.put(name, StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString());
        } catch (CharacterCodingException e) {
            line.put(name + "_base64", Base64.getEncoder().encodeToString(bytes));
        }
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }
}
