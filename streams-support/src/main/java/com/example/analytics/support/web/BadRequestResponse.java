package com.example.analytics.support.web;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Documents that the endpoint answers a parameter it cannot accept with a 400 problem. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ApiResponse(responseCode = "400", ref = ProblemResponses.BAD_REQUEST)
public @interface BadRequestResponse {
}
