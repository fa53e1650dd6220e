package com.example.analytics.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Some handlers answer an error with a status and nothing else (actuator's 404 for an unknown health component,
 * for one). A client gets {@code application/problem+json} for every error, so such an empty answer is given the
 * problem body here. Answers that already have a body pass unchanged.
 */
public class EmptyErrorBodyFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, wrapper);
        } finally {
            int status = wrapper.getStatus();
            if (status >= 400 && wrapper.getContentSize() == 0 && !wrapper.isCommitted()
                    && !"HEAD".equals(request.getMethod())) {
                HttpStatus resolved = HttpStatus.resolve(status);
                String title = resolved == null ? "Error" : resolved.getReasonPhrase();
                String detail = status < 500 ? "the request is not valid" : "the request could not be processed";
                String body = "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                        + ",\"detail\":\"" + detail + "\",\"instance\":\""
                        + ProblemDetailsAdvice.safePath(request.getRequestURI()) + "\"}";
                wrapper.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                wrapper.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            }
            wrapper.copyBodyToResponse();
        }
    }
}
