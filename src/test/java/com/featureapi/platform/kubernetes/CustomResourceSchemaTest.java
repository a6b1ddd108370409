package com.featureapi.platform.kubernetes;

import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every custom resource the program creates, and those the feature-api chart renders, against the openAPIV3Schema of
 * the CRD the pinned chart ships (External Secrets 2.9.0, kube-prometheus-stack 88.5.3, Karpenter 1.14.1).
 */
class CustomResourceSchemaTest {

    private static final List<String> CUSTOM_GROUPS = List.of("external-secrets.io", "generators.external-secrets.io", "monitoring.coreos.com", "velero.io",
            "karpenter.sh", "karpenter.k8s.aws");

    private static boolean custom(PlannedResource r) {
        Object apiVersion = r.inputs().get("apiVersion");
        return r.type().startsWith("kubernetes:") && apiVersion != null
                && CUSTOM_GROUPS.stream().anyMatch(group -> String.valueOf(apiVersion).startsWith(group + "/"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"staging", "production"})
    void everyCustomResourceMatchesItsCrdSchema(String stack) {
        Plan plan = PlannedStacks.of(stack);
        List<String> checked = new ArrayList<>();
        for (PlannedResource resource : plan.where(CustomResourceSchemaTest::custom)) {
            assertThat(CrdSchemas.validate(resource.inputs())).as("%s %s against its CRD", resource.type(), resource.name()).isEmpty();
            checked.add(resource.inputs().get("kind") + " " + resource.name());
        }
        assertThat(checked).contains("Password grafana-admin-password", "ExternalSecret grafana-admin",
                "ClusterSecretStore aws-secrets-manager", "PrometheusRule platform-rules",
                "ExternalSecret feature-api/feature-api-database", "ExternalSecret feature-api/feature-api-cache",
                "Password feature-api-secrets", "PushSecret feature-api-secrets", "ExternalSecret feature-api/feature-api-app-secrets");
        if (stack.equals("staging")) {
            assertThat(checked).contains("EC2NodeClass spot", "NodePool spot");
        }
    }

    @Test
    void aNodePoolOutsideTheCrdsEnumsFails() {
        Map<String, Object> pool = new LinkedHashMap<>(PlannedStacks.of("staging").one("kubernetes:karpenter.sh/v1:NodePool", "spot").inputs());
        @SuppressWarnings("unchecked") Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) pool.get("spec"));
        // Seed 002's v1beta1 spelling: v1 knows only WhenEmpty and WhenEmptyOrUnderutilized.
        spec.put("disruption", Map.of("consolidationPolicy", "WhenUnderutilized", "consolidateAfter", "30s"));
        pool.put("spec", spec);
        assertThat(CrdSchemas.validate(pool)).anySatisfy(m -> assertThat(m).contains("consolidationPolicy"));
    }

    @Test
    void anEc2NodeClassWithAMisspeltFieldFails() {
        Map<String, Object> nodeClass = new LinkedHashMap<>(PlannedStacks.of("staging").one("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", "spot").inputs());
        @SuppressWarnings("unchecked") Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) nodeClass.get("spec"));
        spec.put("metadataOption", spec.remove("metadataOptions"));
        nodeClass.put("spec", spec);
        assertThat(CrdSchemas.validate(nodeClass)).anySatisfy(m -> assertThat(m).contains("metadataOption"));
    }

    @Test
    void aMisspeltFieldFails() {
        Map<String, Object> secret = grafanaAdminSecret();
        @SuppressWarnings("unchecked") Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) secret.get("spec"));
        spec.put("refreshIntervall", spec.remove("refreshInterval"));
        secret.put("spec", spec);
        assertThat(CrdSchemas.validate(secret)).anySatisfy(m -> assertThat(m).contains("refreshIntervall"));
    }

    @Test
    void aMisplacedFieldFails() {
        Map<String, Object> secret = grafanaAdminSecret();
        @SuppressWarnings("unchecked") Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) secret.get("spec"));
        // creationPolicy belongs under target.
        spec.put("creationPolicy", "Owner");
        secret.put("spec", spec);
        assertThat(CrdSchemas.validate(secret)).anySatisfy(m -> assertThat(m).contains("creationPolicy"));
    }

    @Test
    void aValueOutsideTheCrdsEnumFails() {
        Map<String, Object> store = new LinkedHashMap<>(PlannedStacks.of("staging")
                .one("kubernetes:external-secrets.io/v1:ClusterSecretStore", "aws-secrets-manager").inputs());
        store.put("spec", Map.of("provider", Map.of("aws", Map.of("service", "SecretManager", "region", "us-east-1"))));
        assertThat(CrdSchemas.validate(store)).containsExactly(
                "$.spec.provider.aws.service: does not have a value in the enumeration [\"SecretsManager\", \"ParameterStore\", \"CertificateManager\"]");
    }

    @Test
    void aPushSecretWithAnUpdatePolicyOutsideTheCrdsEnumFails() {
        Map<String, Object> push = new LinkedHashMap<>(PlannedStacks.of("staging")
                .one("kubernetes:external-secrets.io/v1alpha1:PushSecret", "feature-api-secrets").inputs());
        @SuppressWarnings("unchecked") Map<String, Object> spec = new LinkedHashMap<>((Map<String, Object>) push.get("spec"));
        spec.put("updatePolicy", "IfNotExist");
        push.put("spec", spec);
        assertThat(CrdSchemas.validate(push)).containsExactly(
                "$.spec.updatePolicy: does not have a value in the enumeration [\"Replace\", \"IfNotExists\"]");
    }

    private static Map<String, Object> grafanaAdminSecret() {
        return new LinkedHashMap<>(PlannedStacks.of("staging").one("kubernetes:external-secrets.io/v1:ExternalSecret", "grafana-admin").inputs());
    }
}
