package com.featureapi.platform.kubernetes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.featureapi.platform.plan.ChartRenderer;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad values never reach a cluster: Helm rejects them at render with the schema's (or the chart's) message. */
class ChartValuesSchemaTest {

    private static final Path CHART = Path.of("charts/feature-api");
    private static Map<String, Object> defaults;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readTheChartsOwnValues() throws Exception {
        defaults = new YAMLMapper().readValue(CHART.resolve("values.yaml").toFile(), Map.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> values(Consumer<Map<String, Object>> edit) {
        Map<String, Object> copy = new ObjectMapper().convertValue(defaults, Map.class);
        edit.accept(copy);
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> values, String key) {
        return (Map<String, Object>) values.get(key);
    }

    private static void render(Map<String, Object> values) {
        ChartRenderer.template(CHART, "feature-api", "feature-api", values);
    }

    @Test
    void anEmptyTagFails() {
        assertThatThrownBy(() -> render(values(v -> section(v, "image").put("tag", ""))))
                .hasMessageContaining("values don't meet the specifications of the schema(s) in the following chart(s):\nfeature-api:\n")
                .hasMessageContaining("- image.tag: String length must be greater than or equal to 1");
    }

    @Test
    void latestFails() {
        assertThatThrownBy(() -> render(values(v -> section(v, "image").put("tag", "latest"))))
                .hasMessageContaining("- image.tag: Must not validate the schema (not)");
    }

    @Test
    void zeroMinReplicasFail() {
        assertThatThrownBy(() -> render(values(v -> section(v, "autoscaling").put("minReplicas", 0))))
                .hasMessageContaining("- autoscaling.minReplicas: Must be greater than or equal to 1");
    }

    @Test
    void minAboveMaxFailsWithTheChartsMessage() {
        assertThatThrownBy(() -> render(values(v -> section(v, "autoscaling").put("minReplicas", 12))))
                .hasMessageContaining("autoscaling.minReplicas (12) must be at most autoscaling.maxReplicas (10)");
    }

    @Test
    void anUnknownValueFails() {
        assertThatThrownBy(() -> render(values(v -> v.put("replicas", 3))))
                .hasMessageContaining("Additional property replicas is not allowed");
    }

    @Test
    void withoutAWebAclTheIngressSaysNoneSoTheControllerRemovesAnOldAssociation() {
        String rendered = ChartRenderer.template(CHART, "feature-api", "feature-api", values(v -> { }));
        assertThat(rendered).contains("alb.ingress.kubernetes.io/wafv2-acl-arn: \"none\"");
    }

    @Test
    void aWebAclArnOfAnotherServiceFails() {
        assertThatThrownBy(() -> render(values(v -> section(v, "ingress").put("webAclArn", "arn:aws:waf-regional:us-east-1:111111111111:webacl/x"))))
                .hasMessageContaining("- ingress.webAclArn: Does not match pattern");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aHeaderValueWithACommaFailsBecauseTheControllerWouldSplitIt() {
        assertThatThrownBy(() -> render(values(v -> ((Map<String, Object>) section(v, "ingress").get("responseHeaders"))
                .put("contentSecurityPolicy", "default-src 'self', img-src *"))))
                .hasMessageContaining("- ingress.responseHeaders.contentSecurityPolicy: Does not match pattern '^[^,]+$'");
    }

    @Test
    void helmLintIsClean() {
        LintResult lint = ChartRenderer.lint(CHART);
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(lint.getMessages()).filteredOn(m -> m.contains("[WARNING]") || m.contains("[ERROR]")).isEmpty();
    }
}
