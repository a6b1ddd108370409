package com.featureapi.platform.review;

import com.featureapi.platform.cost.CraftedPlan;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A resource that gets a new URN (moved to another component without an alias) is deleted and created again by
 * {@code pulumi up}; what reads its id sees a new value known only during the apply, even though offline the id
 * (made from the name) looks the same. A route table association cannot change its subnet in place: it is replaced.
 */
class MovedResourceRippleTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 12, 2);
    private static final String SUBNET = "aws:ec2/subnet:Subnet";
    private static final String ASSOCIATION = "aws:ec2/routeTableAssociation:RouteTableAssociation";

    private static CraftedPlan withSubnetIn(String tier) {
        CraftedPlan plan = CraftedPlan.of("production")
                .add(tier, SUBNET, "database-us-east-1a", Map.of("cidrBlock", "10.0.20.0/24", "vpcId", "vpc-1"));
        return plan.add("network", ASSOCIATION, "database-us-east-1a", Map.of("subnetId", "database-us-east-1a_id", "routeTableId", "rtb-1"),
                false, Map.of("subnetId", List.of(plan.urnOf(tier, SUBNET, "database-us-east-1a"))));
    }

    @Test
    void anInputFedByARecreatedResourceIsKnownAfterApplyAndReplacesWhatCannotChangeInPlace() {
        PlanDiff diff = PlanDiff.between(withSubnetIn("network").build(), withSubnetIn("data").build(), AS_OF);
        assertThat(diff.changes()).extracting(ResourceChange::kind, ResourceChange::type)
                .containsExactly(tuple(ChangeKind.ADDED, SUBNET),
                        tuple(ChangeKind.REMOVED, SUBNET),
                        tuple(ChangeKind.REPLACED, ASSOCIATION));
        ResourceChange association = diff.changes().get(2);
        assertThat(association.replacementCauses()).containsExactly("subnetId");
        assertThat(association.properties()).containsExactly(new PropertyChange("subnetId", "database-us-east-1a_id",
                PropertyChange.KNOWN_AFTER_APPLY, true, PropertyChange.Effect.KNOWN_AFTER_APPLY));
    }
}
