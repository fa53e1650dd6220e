package com.example.analytics.fraud.streams;

import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.EOFException;
import java.io.IOException;
import java.io.UTFDataFormatException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@link DataOutput} and {@link DataInput} over a plain byte array, in the formats of {@code DataOutputStream} and
 * {@code DataInputStream}, for {@link UserFraudState}'s value, read and written once per event. The JDK's streams
 * over byte arrays take a lock on every write and read; here a rule's state costs only its bytes.
 */
final class StateBytes {

    private StateBytes() {
    }

    /** A growable buffer; {@link #reserveInt()} and {@link #fillInt} write a length once what it counts is written. */
    static final class Out implements DataOutput {
        private byte[] bytes = new byte[128];
        private int size;

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
        }

        int reserveInt() {
            int at = size;
            writeInt(0);
            return at;
        }

        void fillInt(int at, int value) {
            bytes[at] = (byte) (value >>> 24);
            bytes[at + 1] = (byte) (value >>> 16);
            bytes[at + 2] = (byte) (value >>> 8);
            bytes[at + 3] = (byte) value;
        }

        int size() {
            return size;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b) {
            write(b, 0, b.length);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        @Override
        public void writeBoolean(boolean v) {
            write(v ? 1 : 0);
        }

        @Override
        public void writeByte(int v) {
            write(v);
        }

        @Override
        public void writeShort(int v) {
            ensure(2);
            bytes[size++] = (byte) (v >>> 8);
            bytes[size++] = (byte) v;
        }

        @Override
        public void writeChar(int v) {
            writeShort(v);
        }

        @Override
        public void writeInt(int v) {
            ensure(4);
            fillInt(size, v);
            size += 4;
        }

        @Override
        public void writeLong(long v) {
            writeInt((int) (v >>> 32));
            writeInt((int) v);
        }

        @Override
        public void writeFloat(float v) {
            writeInt(Float.floatToIntBits(v));
        }

        @Override
        public void writeDouble(double v) {
            writeLong(Double.doubleToLongBits(v));
        }

        @Override
        public void writeBytes(String s) {
            for (int i = 0; i < s.length(); i++) {
                write(s.charAt(i));
            }
        }

        @Override
        public void writeChars(String s) {
            for (int i = 0; i < s.length(); i++) {
                writeChar(s.charAt(i));
            }
        }

        /** Modified UTF-8 behind a two-byte length, as {@code DataOutputStream.writeUTF}. */
        @Override
        public void writeUTF(String s) throws UTFDataFormatException {
            int length = s.length();
            int utf = 0;
            boolean ascii = true;
            for (int i = 0; i < length; i++) {
                char c = s.charAt(i);
                if (c >= 0x0001 && c <= 0x007F) {
                    utf++;
                } else {
                    ascii = false;
                    utf += c > 0x07FF ? 3 : 2;
                }
            }
            if (utf > 65535) {
                throw new UTFDataFormatException("encoded string too long: " + utf + " bytes");
            }
            writeShort(utf);
            ensure(utf);
            if (ascii) {
                for (int i = 0; i < length; i++) {
                    bytes[size++] = (byte) s.charAt(i);
                }
                return;
            }
            for (int i = 0; i < length; i++) {
                char c = s.charAt(i);
                if (c >= 0x0001 && c <= 0x007F) {
                    bytes[size++] = (byte) c;
                } else if (c > 0x07FF) {
                    bytes[size++] = (byte) (0xE0 | ((c >> 12) & 0x0F));
                    bytes[size++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    bytes[size++] = (byte) (0x80 | (c & 0x3F));
                } else {
                    bytes[size++] = (byte) (0xC0 | ((c >> 6) & 0x1F));
                    bytes[size++] = (byte) (0x80 | (c & 0x3F));
                }
            }
        }
    }

    /** Reads a byte array from a position, as {@code DataInputStream} reads a stream. */
    static final class In implements DataInput {
        private final byte[] bytes;
        private int position;
        private final int end;

        In(byte[] bytes) {
            this(bytes, 0, bytes.length);
        }

        In(byte[] bytes, int offset, int length) {
            this.bytes = bytes;
            this.position = offset;
            this.end = offset + length;
        }

        int position() {
            return position;
        }

        private int take(int count) throws EOFException {
            if (end - position < count) {
                throw new EOFException("value ends " + (count - (end - position)) + " bytes early");
            }
            int at = position;
            position += count;
            return at;
        }

        @Override
        public void readFully(byte[] b) throws IOException {
            readFully(b, 0, b.length);
        }

        @Override
        public void readFully(byte[] b, int off, int len) throws IOException {
            System.arraycopy(bytes, take(len), b, off, len);
        }

        @Override
        public int skipBytes(int n) {
            int skipped = Math.max(0, Math.min(n, end - position));
            position += skipped;
            return skipped;
        }

        @Override
        public boolean readBoolean() throws IOException {
            return readByte() != 0;
        }

        @Override
        public byte readByte() throws IOException {
            return bytes[take(1)];
        }

        @Override
        public int readUnsignedByte() throws IOException {
            return readByte() & 0xFF;
        }

        @Override
        public short readShort() throws IOException {
            int at = take(2);
            return (short) (((bytes[at] & 0xFF) << 8) | (bytes[at + 1] & 0xFF));
        }

        @Override
        public int readUnsignedShort() throws IOException {
            return readShort() & 0xFFFF;
        }

        @Override
        public char readChar() throws IOException {
            return (char) readShort();
        }

        @Override
        public int readInt() throws IOException {
            int at = take(4);
            return ((bytes[at] & 0xFF) << 24) | ((bytes[at + 1] & 0xFF) << 16) | ((bytes[at + 2] & 0xFF) << 8)
                    | (bytes[at + 3] & 0xFF);
        }

        @Override
        public long readLong() throws IOException {
            return ((long) readInt() << 32) | (readInt() & 0xFFFFFFFFL);
        }

        @Override
        public float readFloat() throws IOException {
            return Float.intBitsToFloat(readInt());
        }

        @Override
        public double readDouble() throws IOException {
            return Double.longBitsToDouble(readLong());
        }

        @Override
        public String readLine() {
            throw new UnsupportedOperationException("state values have no lines");
        }

        @Override
        public String readUTF() throws IOException {
            int length = readUnsignedShort();
            int at = position;
            boolean ascii = true;
            for (int i = at; i < at + length && i < end; i++) {
                if (bytes[i] <= 0) {
                    ascii = false;
                    break;
                }
            }
            if (!ascii) {
                position -= 2;
                return DataInputStream.readUTF(this);
            }
            take(length);
            return new String(bytes, at, length, StandardCharsets.US_ASCII);
        }
    }
}
