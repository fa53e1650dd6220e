package com.example.analytics.model.validation;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record that breaks the input contract (DESIGN.md "Bad input"), with a machine-readable reason and a message fit
 * for a DLQ header. It extends Kafka's {@link SerializationException} so Kafka code treats it as a data error.
 * Bad records are expected traffic, so no stack trace is captured.
 */
public final class InvalidRecordException extends SerializationException {

    public enum Reason {
        EMPTY_VALUE,
        TOO_LARGE,
        NOT_JSON,
        NOT_AN_OBJECT,
        MISSING_FIELD,
        WRONG_TYPE,
        INVALID_TIMESTAMP,
        MISSING_KEY,
        KEY_NOT_UTF8,
        KEY_MISMATCH
    }

    private final Reason reason;

    public InvalidRecordException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
