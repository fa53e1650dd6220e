package com.example.analytics.support.web;

/**
 * The problem+json answers of the API as the OpenAPI document names them: the API docs configuration defines them
 * once, {@link KeyQueryResponses}, {@link GlobalQueryResponses} and {@link BadRequestResponse} refer to them.
 */
public final class ProblemResponses {

    public static final String PROBLEM_SCHEMA = "Problem";
    public static final String BAD_REQUEST_NAME = "BadRequest";
    public static final String NOT_FOUND_NAME = "NotFound";
    public static final String NOT_READY_NAME = "NotReady";

    public static final String BAD_REQUEST = "#/components/responses/" + BAD_REQUEST_NAME;
    public static final String NOT_FOUND = "#/components/responses/" + NOT_FOUND_NAME;
    public static final String NOT_READY = "#/components/responses/" + NOT_READY_NAME;

    private ProblemResponses() {
    }
}
