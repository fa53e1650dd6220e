package com.example.analytics.model.validation;

import com.example.analytics.model.Event;

/**
 * The outcome of reading one input value: the event, or why it is bad. Either way the original bytes travel along,
 * so that a record can still be dead-lettered unchanged after a later check (key agreement) fails.
 */
public sealed interface Parsed<E extends Event> {

    byte[] raw();

    record Valid<E extends Event>(E event, byte[] raw) implements Parsed<E> {
    }

    record Invalid<E extends Event>(InvalidRecordException error, byte[] raw) implements Parsed<E> {
    }
}
