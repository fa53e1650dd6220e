package com.example.analytics.support.web;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents the answers of an endpoint gathered from every instance: its answer, or a 503 while some partition
 * cannot be read. One with parameters adds {@link BadRequestResponse}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ApiResponse(responseCode = "200", useReturnTypeSchema = true,
        description = "Gathered from every instance, each partition read exactly once")
@ApiResponse(responseCode = "503", ref = ProblemResponses.NOT_READY)
public @interface GlobalQueryResponses {
}
