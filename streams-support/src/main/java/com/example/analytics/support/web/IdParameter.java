package com.example.analytics.support.web;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents a path variable that {@link RequestParams#id} checks: an id as producers send them. Beside
 * {@code @PathVariable}, which still binds it.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Parameter(schema = @Schema(type = "string", pattern = RequestParams.ID_PATTERN, minLength = 1,
        maxLength = RequestParams.ID_MAX_LENGTH))
public @interface IdParameter {
}
