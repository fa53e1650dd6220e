package com.example.analytics.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * With {@code analytics.streams.internal-port} set, the instance-to-instance endpoints ({@code /internal/...})
 * answer only on that port and the port answers nothing else. Kubernetes then exposes the API port through the
 * client Service and the internal port only to the other instances, so clients cannot reach the routing
 * endpoints, which answer from one instance's stores without the checks of the public API.
 */
public class InternalPortFilter extends OncePerRequestFilter {

    private static final String INTERNAL_PREFIX = "/internal/";

    private final int internalPort;

    public InternalPortFilter(int internalPort) {
        this.internalPort = internalPort;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean internalPath = request.getRequestURI().startsWith(INTERNAL_PREFIX);
        boolean internalPortRequest = request.getLocalPort() == internalPort;
        if (internalPath == internalPortRequest) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,"
                + "\"detail\":\"no such resource on this port\",\"instance\":\""
                + ProblemDetailsAdvice.safePath(request.getRequestURI()) + "\"}").getBytes(StandardCharsets.UTF_8));
    }
}
