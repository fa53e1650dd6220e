package com.example.analytics.support.web;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves as {@code application/problem+json} with a status, a title and a detail written for the
 * client; never a stack trace, an exception class or a 500 for something the client sent.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e, HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        if (e instanceof ApiException.NotReady notReady) {
            headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, notReady.retryAfter().toSeconds())));
        }
        return problem(e.status(), e.getMessage(), request, headers);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "parameter '" + e.getName() + "' has an invalid value", request,
                new HttpHeaders());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        log.error("Unhandled error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "the request could not be processed", request,
                new HttpHeaders());
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "invalid request parameters");
        return handleExceptionInternal(ex, body, headers, HttpStatus.BAD_REQUEST, request);
    }

    /**
     * Spring fills a problem's {@code instance} from the raw request path when it writes the answer, and a path such as
     * {@code //} is no URI: the answer would become a 500. The safe form is set first.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        if (body instanceof ProblemDetail problem && problem.getInstance() == null
                && request instanceof ServletWebRequest servletRequest) {
            problem.setInstance(URI.create(safePath(servletRequest.getRequest().getRequestURI())));
        }
        return super.handleExceptionInternal(ex, body, headers, statusCode, request);
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, HttpServletRequest request,
                                                 HttpHeaders headers) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(safePath(request.getRequestURI())));
        return ResponseEntity.status(status).headers(headers).body(problem);
    }

    /** The request path, re-encoded so whatever a client sent cannot break the URI or the JSON. */
    static String safePath(String path) {
        if (path == null) {
            return "/";
        }
        String cut = path.length() > 200 ? path.substring(0, 200) : path;
        StringBuilder safe = new StringBuilder(cut.length());
        for (char c : cut.toCharArray()) {
            // "//x" would read as a URI authority: runs of slashes become one.
            if (c == '/' && !safe.isEmpty() && safe.charAt(safe.length() - 1) == '/') {
                continue;
            }
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "/-_.~".indexOf(c) >= 0) {
                safe.append(c);
            } else {
                safe.append('_');
            }
        }
        return safe.toString();
    }
}
