package com.example.analytics.support.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a bounded count query parameter to an {@code int}: absent gives {@link #defaultValue()}, anything but a
 * whole number in 1..{@link #max()} is a 400 ({@link RequestParams#limit}). Each bound is a whole number or the
 * name of one of the service's properties (such as {@code analytics.product.top.max-limit}), read as bound, so the
 * API docs show the bounds the instance enforces.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Limit {

    /** The query parameter. */
    String name() default "limit";

    String defaultValue();

    String max();
}
