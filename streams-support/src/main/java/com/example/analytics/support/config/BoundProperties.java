package com.example.analytics.support.config;

import java.lang.reflect.Method;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ReflectionUtils;

/**
 * A property's value as the service bound it: read from the {@code @ConfigurationProperties} bean whose prefix
 * covers the name, so a default declared on the properties record counts and validation has already run. The
 * environment alone does not know those defaults (and the launcher, whose services share one class path, has only
 * one {@code application.yml}).
 */
public final class BoundProperties {

    private final ApplicationContext context;

    public BoundProperties(ApplicationContext context) {
        this.context = context;
    }

    /**
     * @param name as it is configured, such as {@code analytics.product.top.max-limit}
     * @throws IllegalStateException when no properties bean has that property
     */
    public Object value(String name) {
        ConfigurationPropertiesBean owner = null;
        for (ConfigurationPropertiesBean bean : ConfigurationPropertiesBean.getAll(context).values()) {
            String prefix = bean.getAnnotation().prefix();
            boolean covers = !prefix.isEmpty() && name.startsWith(prefix + ".");
            if (covers && (owner == null || prefix.length() > owner.getAnnotation().prefix().length())) {
                owner = bean;
            }
        }
        if (owner == null) {
            throw new IllegalStateException(name + " is not a property of any @ConfigurationProperties bean");
        }
        Object value = owner.getInstance();
        for (String part : name.substring(owner.getAnnotation().prefix().length() + 1).split("\\.")) {
            value = component(value, part, name);
        }
        return value;
    }

    /** The record component or getter that {@code part} (kebab case) names. */
    private static Object component(Object owner, String part, String name) {
        StringBuilder camel = new StringBuilder();
        for (String word : part.split("-")) {
            camel.append(camel.isEmpty() ? word : word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1));
        }
        String accessor = camel.toString();
        Method method = owner == null ? null : ReflectionUtils.findMethod(owner.getClass(), accessor);
        if (method == null && owner != null) {
            method = ReflectionUtils.findMethod(owner.getClass(),
                    "get" + accessor.substring(0, 1).toUpperCase(Locale.ROOT) + accessor.substring(1));
        }
        if (method == null) {
            throw new IllegalStateException(name + ": no '" + part + "' in " + (owner == null ? "null" : owner.getClass()));
        }
        ReflectionUtils.makeAccessible(method);
        return ReflectionUtils.invokeMethod(method, owner);
    }
}
