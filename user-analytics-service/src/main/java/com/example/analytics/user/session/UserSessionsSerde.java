package com.example.analytics.user.session;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The stored form of {@link UserSessions}: a version byte, then per session varints (start, duration, events, page
 * views), the engaged flag and the distinct values as length-prefixed UTF-8. A typical user with a few sessions is
 * a few hundred bytes, against several times that as JSON, and costs no reflection on the stream thread.
 */
public final class UserSessionsSerde implements Serde<UserSessions>, Serializer<UserSessions>,
        Deserializer<UserSessions> {

    private static final byte VERSION = 1;

    @Override
    public void close() {
        // stateless
    }

    @Override
    public void configure(java.util.Map<String, ?> configs, boolean isKey) {
        // nothing to configure
    }

    @Override
    public Serializer<UserSessions> serializer() {
        return this;
    }

    @Override
    public Deserializer<UserSessions> deserializer() {
        return this;
    }

    @Override
    public byte[] serialize(String topic, UserSessions value) {
        if (value == null) {
            return null;
        }
        Writer out = new Writer();
        out.bytes[out.size++] = VERSION;
        out.varLong(value.sessions().size());
        for (Session session : value.sessions()) {
            out.varLong(session.startMillis());
            out.varLong(session.durationMillis());
            out.varLong(session.events());
            out.varLong(session.pageViews());
            out.varLong(session.engaged() ? 1 : 0);
            out.strings(session.pages());
            out.strings(session.devices());
            out.strings(session.locations());
        }
        return Arrays.copyOf(out.bytes, out.size);
    }

    @Override
    public UserSessions deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(data);
            byte version = in.get();
            if (version != VERSION) {
                throw new SerializationException("unknown user sessions format version " + version);
            }
            int count = (int) varLong(in);
            List<Session> sessions = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long start = varLong(in);
                long end = start + varLong(in);
                int events = (int) varLong(in);
                int pageViews = (int) varLong(in);
                boolean engaged = varLong(in) == 1;
                sessions.add(new Session(start, end, events, pageViews, strings(in), strings(in), strings(in),
                        engaged));
            }
            return new UserSessions(sessions);
        } catch (RuntimeException e) {
            throw new SerializationException("unreadable user sessions value", e);
        }
    }

    private static long varLong(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = in.get();
            value |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new SerializationException("varint too long");
    }

    private static List<String> strings(ByteBuffer in) {
        int count = (int) varLong(in);
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = (int) varLong(in);
            values.add(new String(data(in, length), StandardCharsets.UTF_8));
        }
        return values;
    }

    private static byte[] data(ByteBuffer in, int length) {
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    /** A growable buffer; times and counts are never negative, so plain (not zig-zag) varints suffice. */
    private static final class Writer {
        byte[] bytes = new byte[128];
        int size;

        void varLong(long value) {
            if (value < 0) {
                throw new SerializationException("negative value " + value + " in user sessions");
            }
            ensure(10);
            while ((value & ~0x7FL) != 0) {
                bytes[size++] = (byte) ((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            bytes[size++] = (byte) value;
        }

        void strings(List<String> values) {
            varLong(values.size());
            for (String value : values) {
                byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
                varLong(utf8.length);
                ensure(utf8.length);
                System.arraycopy(utf8, 0, bytes, size, utf8.length);
                size += utf8.length;
            }
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }
    }
}
