package com.featureapi.platform.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.featureapi.platform.cost.CraftedPlan;
import com.featureapi.platform.cost.UsageFile;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlanReader.PlanDocument;
import com.featureapi.platform.review.ReviewMarkdown.Gate;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --fail-on-new-mandatory}: a mandatory violation the head adds fails the review; one the head fixes (gone
 * from the base's verdicts) never does.
 */
class MandatoryGateTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Plan PLAN = CraftedPlan.of("production").add("data", "aws:s3/bucketV2:BucketV2", "assets", Map.of()).build();

    private static PlanDocument withVerdicts(String... policies) {
        ObjectNode document = JSON.createObjectNode();
        var violations = document.putObject("policies").putArray("violations");
        for (String policy : policies) {
            violations.addObject().put("policy", policy).put("enforcementLevel", "mandatory")
                    .put("urn", "urn:pulumi:production::platform::platform:data:Data$aws:s3/bucketV2:BucketV2::assets")
                    .put("message", policy + " is violated");
        }
        return new PlanDocument(PLAN, document);
    }

    private static List<Gate> gate(PlanDocument base, PlanDocument head) {
        PlanDiff diff = PlanDiff.between(base, head, UsageFile.empty(), UsageFile.empty(), LocalDate.of(2026, 12, 2));
        return ReviewGates.evaluate(List.of(new StackReview("production", diff, PLAN, PLAN, "")), null, true);
    }

    @Test
    void aMandatoryViolationTheHeadAddsFailsTheReview() {
        assertThat(gate(withVerdicts(), withVerdicts("s3-bucket-encrypted"))).singleElement().satisfies(g -> {
            assertThat(g.passed()).isFalse();
            assertThat(g.detail()).isEqualTo("production: s3-bucket-encrypted on platform:data:Data$aws:s3/bucketV2:BucketV2::assets");
        });
    }

    @Test
    void aMandatoryViolationTheHeadFixesNeverFailsIt() {
        assertThat(gate(withVerdicts("s3-bucket-encrypted"), withVerdicts())).singleElement().satisfies(g -> {
            assertThat(g.passed()).isTrue();
            assertThat(g.detail()).isEmpty();
        });
    }
}
