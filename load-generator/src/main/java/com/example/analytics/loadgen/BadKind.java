package com.example.analytics.loadgen;

/** Every kind of bad input of DESIGN.md section 2 that a producer can send. */
public enum BadKind {
    NOT_JSON,
    TRUNCATED_JSON,
    EMPTY_VALUE,
    MISSING_ID,
    MISSING_EVENT_TYPE,
    MISSING_TIMESTAMP,
    STRING_TIMESTAMP,
    NAN_TIMESTAMP,
    NEGATIVE_TIMESTAMP,
    FAR_FUTURE_TIMESTAMP,
    NUMERIC_ID,
    KEY_MISMATCH,
    NULL_KEY,
    KEY_NOT_UTF8
}
