package com.example.analytics.support.web;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents the answers of a per-key query endpoint: its {@link KeyAnswer}, a 400 for an id or parameter it cannot
 * accept, a 404 for a key it does not know, a 503 while the key's partition cannot be read.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ApiResponse(responseCode = "200", useReturnTypeSchema = true,
        description = "The key's value, read where its partition is active (or from a standby: stale)")
@ApiResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
@ApiResponse(responseCode = "404", ref = ProblemResponses.NOT_FOUND)
@ApiResponse(responseCode = "503", ref = ProblemResponses.NOT_READY)
public @interface KeyQueryResponses {
}
