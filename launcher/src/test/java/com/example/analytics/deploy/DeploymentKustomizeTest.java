package com.example.analytics.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The test renderer against the real tool: where kubectl is installed, both render every kustomization of k8s/ to
 * the same objects. The strategic-merge cases below are what kubectl kustomize (v5.5) does with the same input, so
 * the renderer's behaviour stays pinned where kubectl is absent too.
 */
class DeploymentKustomizeTest {

    @ParameterizedTest
    @ValueSource(strings = {"k8s/base", "k8s/overlays/local", "k8s/overlays/production"})
    void rendersWhatKubectlKustomizeRenders(String kustomization) {
        ExternalTool kubectl = ExternalTool.required("kubectl");
        ExternalTool.Result result = kubectl.run(RepositoryFiles.root(), "kustomize", kustomization);
        assertThat(result.exitCode()).as(result.stderr()).isZero();

        Map<String, Map<String, Object>> expected = Kustomize.byId(RepositoryFiles.yamlDocuments(result.stdout())
                .stream().map(Tree::map).toList());
        Map<String, Map<String, Object>> rendered = Kustomize.byId(
                Kustomize.render(RepositoryFiles.path(kustomization)));

        assertThat(rendered.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((id, object) -> assertThat(rendered.get(id)).as(id).isEqualTo(object));
    }

    @Test
    void aStrategicMergePatchMergesListsByKeyWithThePatchsElementsFirst() {
        Map<String, Object> deployment = yaml("""
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          image: x
                          args: ["1", "2"]
                          env: [{name: A, value: a}, {name: B, value: b}]
                        - name: side
                          image: y
                """);
        Map<String, Object> patch = yaml("""
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          args: ["3"]
                          image: null
                          env: [{name: C, value: c}, {name: B, value: b2}, {name: D, value: d}]
                """);

        assertThat(Kustomize.strategicMerge(deployment, patch)).isEqualTo(yaml("""
                spec:
                  template:
                    spec:
                      containers:
                        - name: app
                          args: ["3"]
                          env: [{name: C, value: c}, {name: B, value: b2}, {name: D, value: d}, {name: A, value: a}]
                        - name: side
                          image: y
                """));
        Object app = Tree.list(Tree.at(deployment, "spec", "template", "spec", "containers")).get(0);
        assertThat(Tree.map(app)).as("the input is not changed").containsEntry("image", "x");
    }

    @Test
    void listsWithoutAMergeKeyAreReplacedWhole() {
        Map<String, Object> set = yaml("""
                spec:
                  volumeClaimTemplates: [{metadata: {name: state}, spec: {accessModes: [ReadWriteOnce]}}]
                """);
        Map<String, Object> patch = yaml("""
                spec:
                  volumeClaimTemplates: [{metadata: {name: state}, spec: {resources: {requests: {storage: 20Gi}}}}]
                """);

        assertThat(Kustomize.strategicMerge(set, patch)).isEqualTo(patch);
    }

    @Test
    void whatTheRendererDoesNotImplementIsAnErrorNotADifference(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [a.yaml]\ncommonLabels: {a: b}\n");
        assertThatThrownBy(() -> Kustomize.render(dir)).isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("commonLabels");

        Map<String, Object> pod = yaml("spec: {tolerations: [{key: a}]}");
        assertThatThrownBy(() -> Kustomize.strategicMerge(pod, yaml("spec: {tolerations: [{key: b}]}")))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("tolerations");
        assertThatThrownBy(() -> Kustomize.strategicMerge(pod, yaml("spec: {$patch: replace}")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aPatchThatMatchesNothingIsAnError(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [a.yaml]\npatches: [{path: p.yaml}]\n");
        Files.writeString(dir.resolve("a.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n");
        Files.writeString(dir.resolve("p.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n");

        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("matches nothing");
    }

    private static Map<String, Object> yaml(String text) {
        List<Object> documents = RepositoryFiles.yamlDocuments(text);
        return Tree.map(documents.get(0));
    }
}
