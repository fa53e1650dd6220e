package com.example.analytics.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

/** A request path that is no URI (the fuzzer found {@code GET //}) still gets its problem, not a 500. */
class ProblemDetailsAdviceTest {

    @Test
    void runsOfSlashesCannotReadAsAnAuthority() {
        for (String path : new String[] {"//", "//evil.example/x", "/api//products///p", "///"}) {
            URI instance = URI.create(ProblemDetailsAdvice.safePath(path));
            assertThat(instance.getAuthority()).as(path).isNull();
            assertThat(instance.getPath()).as(path).startsWith("/").doesNotContain("//");
        }
    }

    @Test
    void springsOwnProblemsGetASafeInstanceBeforeSpringFillsInTheRawPath() {
        ResponseEntity<Object> answer = new ProblemDetailsAdvice().handleExceptionInternal(new RuntimeException(),
                ProblemDetail.forStatus(HttpStatus.NOT_FOUND), new HttpHeaders(), HttpStatus.NOT_FOUND,
                new ServletWebRequest(new MockHttpServletRequest("GET", "//")));

        assertThat(answer.getBody()).isInstanceOfSatisfying(ProblemDetail.class,
                problem -> assertThat(problem.getInstance()).isEqualTo(URI.create("/")));
    }
}
