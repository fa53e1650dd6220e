package com.example.analytics.support.web;

import com.example.analytics.support.config.BoundProperties;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Binds {@link Limit} parameters, and tells the API docs their bounds: one reading of the annotation for both. */
public final class LimitArgumentResolver implements HandlerMethodArgumentResolver {

    /** The bounds of one {@link Limit} parameter, with its placeholders resolved. */
    public record Bounds(String name, int defaultValue, int max) {
    }

    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,9}");

    private final BoundProperties properties;
    private final Map<MethodParameter, Bounds> bounds = new ConcurrentHashMap<>();

    public LimitArgumentResolver(BoundProperties properties) {
        this.properties = properties;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.hasParameterAnnotation(Limit.class);
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
                                  NativeWebRequest request, WebDataBinderFactory binderFactory) {
        Bounds limit = bounds(parameter);
        String[] values = request.getParameterValues(limit.name());
        // A repeated parameter is as ambiguous as a malformed one; joined, it fails the number check.
        String value = values == null ? null : String.join(",", values);
        return RequestParams.limit(limit.name(), value, limit.defaultValue(), limit.max());
    }

    /** Resolves the bounds of every {@link Limit} parameter of {@code handlers}, failing on the first it cannot. */
    public void check(Collection<HandlerMethod> handlers) {
        for (HandlerMethod handler : handlers) {
            for (MethodParameter parameter : handler.getMethodParameters()) {
                if (supportsParameter(parameter)) {
                    bounds(parameter);
                }
            }
        }
    }

    /** The bounds of a {@link Limit} parameter. */
    public Bounds bounds(MethodParameter parameter) {
        return bounds.computeIfAbsent(parameter, key -> {
            Limit limit = key.getParameterAnnotation(Limit.class);
            if (limit == null) {
                throw new IllegalArgumentException(key + " is not a @Limit parameter");
            }
            Bounds resolved = new Bounds(limit.name(), number(limit.defaultValue(), key), number(limit.max(), key));
            if (resolved.max() < 1 || resolved.defaultValue() < 1 || resolved.defaultValue() > resolved.max()) {
                throw new IllegalStateException("@Limit of " + key.getExecutable() + ": default "
                        + resolved.defaultValue() + " is not within 1.." + resolved.max());
            }
            return resolved;
        });
    }

    /** A whole number as written, else the value of the service's property of that name. */
    private int number(String bound, MethodParameter parameter) {
        if (WHOLE_NUMBER.matcher(bound).matches()) {
            return Integer.parseInt(bound);
        }
        Object value = properties.value(bound);
        if (value instanceof Integer number) {
            return number;
        }
        throw new IllegalStateException("@Limit of " + parameter.getExecutable() + ": " + bound + " is " + value
                + ", not a whole number");
    }
}
