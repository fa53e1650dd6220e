package com.example.analytics.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The environment a container of a pod would see, worked out the way the kubelet does: the image's variables, then
 * {@code envFrom} ConfigMaps in order, then {@code env} in order, where {@code $(NAME)} expands to a variable
 * defined before it. Only the sources the manifests use are supported (ConfigMaps, the pod's name).
 */
final class PodEnvironment {

    private static final Pattern REFERENCE = Pattern.compile("\\$\\$|\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

    private PodEnvironment() {
    }

    static Map<String, String> of(Container container, String podName, List<HasMetadata> objects,
                                  Map<String, String> imageEnvironment) {
        Map<String, String> environment = new LinkedHashMap<>(imageEnvironment);
        for (EnvFromSource source : container.getEnvFrom()) {
            if (source.getConfigMapRef() == null || source.getPrefix() != null) {
                throw new UnsupportedOperationException("envFrom other than a plain ConfigMap: " + source);
            }
            environment.putAll(KubernetesObjects.named(objects, ConfigMap.class,
                    source.getConfigMapRef().getName()).getData());
        }
        for (EnvVar variable : container.getEnv()) {
            environment.put(variable.getName(), value(variable, podName, environment));
        }
        return environment;
    }

    /** Expands {@code $(NAME)} with what is defined so far; an undefined reference stays as written, as in Kubernetes. */
    static String expand(String value, Map<String, String> defined) {
        Matcher matcher = REFERENCE.matcher(value);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            String replacement = matcher.group(1) == null ? "$"
                    : defined.getOrDefault(matcher.group(1), matcher.group());
            matcher.appendReplacement(expanded, Matcher.quoteReplacement(replacement));
        }
        return matcher.appendTail(expanded).toString();
    }

    private static String value(EnvVar variable, String podName, Map<String, String> defined) {
        if (variable.getValueFrom() == null) {
            return expand(variable.getValue(), defined);
        }
        if (variable.getValueFrom().getFieldRef() != null
                && "metadata.name".equals(variable.getValueFrom().getFieldRef().getFieldPath())) {
            return podName;
        }
        throw new UnsupportedOperationException("valueFrom other than metadata.name: " + variable);
    }
}
