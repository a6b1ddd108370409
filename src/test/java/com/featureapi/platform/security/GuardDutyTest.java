package com.featureapi.platform.security;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.featureapi.platform.cost.CostEstimate;
import com.featureapi.platform.cost.CostEstimator;
import com.featureapi.platform.cost.CostLine;
import com.featureapi.platform.cost.LineKind;
import com.featureapi.platform.cost.UsageFile;
import com.featureapi.platform.edge.Edge;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedResource;
import com.featureapi.platform.plan.PlannedStacks;
import com.featureapi.platform.plan.StackFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code platform:security.guardDuty}: off in both fixture stacks; a staging variant that turns it on (and, in the same
 * run, turns the web ACL off) plans the detector with EKS protection, prices it from usage or shows it unknown, and
 * tells the load balancer controller "none".
 */
class GuardDutyTest {

    private static final String DETECTOR = "aws:guardduty/detector:Detector";
    private static final String FEATURE = "aws:guardduty/detectorFeature:DetectorFeature";
    private static final LocalDate AS_OF = LocalDate.of(2026, 12, 2);

    private static final Supplier<Plan> WITH_GUARDDUTY = PlannedStacks.sharedPerClass(() -> {
        try {
            Path dir = Files.createTempDirectory("guardduty");
            StackFiles.copyEdited(dir, "staging", config -> {
                ((ObjectNode) config.withObject("platform:security")).put("guardDuty", true);
                ((ObjectNode) config.get("platform:edge")).put("webAcl", false);
            });
            return PlannedStacks.plan(dir, "staging");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    });

    @Test
    void offUnlessAStackTurnsItOn() {
        for (String stack : List.of("staging", "production")) {
            assertThat(PlannedStacks.of(stack).ofType(DETECTOR)).isEmpty();
            assertThat(PlannedStacks.of(stack).ofType(FEATURE)).isEmpty();
        }
    }

    @Test
    void theDetectorWatchesEksAuditLogsAndRuntimeWithTheAgentManagedByGuardDuty() {
        Plan plan = WITH_GUARDDUTY.get();
        PlannedResource detector = plan.one(DETECTOR, "guardduty");
        assertThat(detector.parent()).isEqualTo(plan.one(Security.TYPE, "security").urn());
        assertThat(detector.input("enable")).isEqualTo(true);
        assertThat(detector.input("findingPublishingFrequency")).isEqualTo("FIFTEEN_MINUTES");
        // The deprecated datasources block is not used: features are separate resources.
        assertThat(detector.inputs()).doesNotContainKey("datasources");

        PlannedResource audit = plan.one(FEATURE, "guardduty-eks-audit-logs");
        assertThat(audit.input("name")).isEqualTo("EKS_AUDIT_LOGS");
        assertThat(audit.input("status")).isEqualTo("ENABLED");
        assertThat(audit.propertyDependencies().get("detectorId")).containsExactly(detector.urn());

        PlannedResource runtime = plan.one(FEATURE, "guardduty-runtime-monitoring");
        assertThat(runtime.input("name")).isEqualTo("RUNTIME_MONITORING");
        assertThat(runtime.input("status")).isEqualTo("ENABLED");
        assertThat(runtime.input("additionalConfigurations")).isEqualTo(List.of(Map.of("name", "EKS_ADDON_MANAGEMENT", "status", "ENABLED")));
        assertThat(runtime.propertyDependencies().get("detectorId")).containsExactly(detector.urn());
        // Never both runtime features: GuardDuty refuses EKS_RUNTIME_MONITORING next to RUNTIME_MONITORING.
        assertThat(plan.ofType(FEATURE)).extracting(f -> f.input("name")).containsExactlyInAnyOrder("EKS_AUDIT_LOGS", "RUNTIME_MONITORING");
    }

    @Test
    void withoutUsageItsCostIsUnknownAndTheBudgetVerdictToo() {
        CostEstimate estimate = CostEstimator.estimate(WITH_GUARDDUTY.get(), UsageFile.empty(), AS_OF);
        List<CostLine> lines = estimate.resources().stream().filter(r -> r.type().startsWith("aws:guardduty/"))
                .flatMap(r -> r.lines().stream()).toList();
        assertThat(lines).hasSize(4).allSatisfy(l -> assertThat(l.kind()).isEqualTo(LineKind.UNPRICED));
        assertThat(lines).extracting(CostLine::note).anySatisfy(note -> assertThat(note).isEqualTo("unknown: billed by volume only; set "
                + "monthlyCloudTrailEvents for aws:guardduty/detector:Detector::guardduty in cost-usage.staging.yaml ($4.00 per million management events)"));
        assertThat(estimate.budgetVerdict()).isEqualTo("unknown");
    }

    @Test
    void withUsageItIsAnEstimateAtTheFirstTiersRates() {
        String usage = """
                resources:
                  aws:guardduty/detector:Detector::guardduty:
                    monthlyCloudTrailEvents: 2000000
                    monthlyFlowAndDnsLogGb: 50
                  aws:guardduty/detectorFeature:DetectorFeature::guardduty-eks-audit-logs:
                    monthlyAuditLogEvents: 10000000
                  aws:guardduty/detectorFeature:DetectorFeature::guardduty-runtime-monitoring:
                    averageMonitoredVcpus: 16
                """;
        CostEstimate estimate = CostEstimator.estimate(WITH_GUARDDUTY.get(), UsageFile.parse(usage, "cost-usage.test.yaml"), AS_OF);
        List<CostLine> lines = estimate.resources().stream().filter(r -> r.type().startsWith("aws:guardduty/"))
                .flatMap(r -> r.lines().stream()).toList();
        // 2 million events x 4.00 = 8.00; 50 GB x 1.00 = 50.00; 10 million audit events x 2.00 = 20.00; 16 vCPUs x 1.50 = 24.00
        assertThat(lines).extracting(l -> l.label(), l -> CostEstimate.cents(l.monthlyUsd()).toPlainString()).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("CloudTrail management events analyzed", "8.00"),
                org.assertj.core.groups.Tuple.tuple("VPC flow and DNS logs analyzed", "50.00"),
                org.assertj.core.groups.Tuple.tuple("EKS audit log events analyzed", "20.00"),
                org.assertj.core.groups.Tuple.tuple("vCPUs under Runtime Monitoring", "24.00"));
        assertThat(lines).allSatisfy(l -> {
            assertThat(l.kind()).isEqualTo(LineKind.USAGE);
            assertThat(l.note()).startsWith("estimate: ").contains("at the first tier's rate (an upper bound");
        });
    }

    @Test
    void withoutAWebAclTheEdgeIsEmptyAndTheIngressSaysNone() {
        Plan plan = WITH_GUARDDUTY.get();
        assertThat(plan.ofType("aws:wafv2/webAcl:WebAcl")).isEmpty();
        assertThat(plan.where(r -> r.parent().equals(plan.one(Edge.TYPE, "edge").urn()))).isEmpty();
        assertThat(plan.one("kubernetes:helm.sh/v3:Release", "feature-api").input("values.ingress.webAclArn")).isEqualTo("none");
        PlannedResource ingress = plan.one("kubernetes:networking.k8s.io/v1:Ingress", "feature-api/feature-api");
        assertThat(((Map<?, ?>) ingress.input("metadata.annotations")).get("alb.ingress.kubernetes.io/wafv2-acl-arn")).isEqualTo("none");
    }
}
