package com.example.analytics.support.web;

import java.time.Duration;
import org.springframework.http.HttpStatus;

/** A request that gets a problem+json answer with a status from the contract: 400, 404 or 503. */
public abstract sealed class ApiException extends RuntimeException {

    private final HttpStatus status;

    private ApiException(HttpStatus status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    public static final class BadParameter extends ApiException {
        public BadParameter(String detail) {
            super(HttpStatus.BAD_REQUEST, detail);
        }
    }

    public static final class NotFound extends ApiException {
        public NotFound(String detail) {
            super(HttpStatus.NOT_FOUND, detail);
        }
    }

    /** The store is rebalancing or restoring; the client should retry after {@code retryAfter}. */
    public static final class NotReady extends ApiException {
        private final Duration retryAfter;

        public NotReady(String detail, Duration retryAfter) {
            super(HttpStatus.SERVICE_UNAVAILABLE, detail);
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
