package com.featureapi.platform.review;

import com.featureapi.platform.cost.CraftedPlan;
import com.featureapi.platform.plan.Plan;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review warns that RDS refuses to drop a subnet still in use only when a database subnet group really loses one
 * (its subnet replaced or deleted), not when a subnet is added beside the others (a third AZ).
 */
class SubnetGroupAlertTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 12, 2);
    private static final String SUBNET = "aws:ec2/subnet:Subnet";
    private static final String GROUP = "aws:rds/subnetGroup:SubnetGroup";

    /** Database subnets {@code name -> cidr} and the subnet group holding all of them. */
    private static Plan plan(Map<String, String> subnets) {
        CraftedPlan plan = CraftedPlan.of("production");
        subnets.forEach((name, cidr) -> plan.add("network", SUBNET, name, Map.of("cidrBlock", cidr)));
        List<String> names = List.copyOf(new java.util.TreeSet<>(subnets.keySet()));
        return plan.add("data", GROUP, "postgres", Map.of("name", "production-postgres", "subnetIds", names.stream().map(n -> n + "_id").toList()),
                false, Map.of("subnetIds", names.stream().map(n -> plan.urnOf("network", SUBNET, n)).toList())).build();
    }

    @Test
    void aSubnetAddedBesideTheOthersIsNoSwap() {
        PlanDiff diff = PlanDiff.between(plan(Map.of("database-us-east-1a", "10.0.20.0/24")),
                plan(Map.of("database-us-east-1a", "10.0.20.0/24", "database-us-east-1b", "10.0.21.0/24")), AS_OF);
        assertThat(diff.changes()).filteredOn(c -> c.type().equals(GROUP)).singleElement()
                .satisfies(g -> assertThat(g.properties()).extracting(PropertyChange::after).containsExactly(PropertyChange.KNOWN_AFTER_APPLY));
        assertThat(diff.alerts()).isEmpty();
    }

    @Test
    void aReplacedSubnetIsASwapTheApplyCanFailOn() {
        PlanDiff diff = PlanDiff.between(plan(Map.of("database-us-east-1a", "10.0.20.0/24")),
                plan(Map.of("database-us-east-1a", "10.0.22.0/24")), AS_OF);
        assertThat(diff.alerts()).extracting(Alert::message).containsExactly("swaps a replaced subnet in " + GROUP + " postgres: RDS refuses"
                + " to drop a subnet that still holds the instance's network interfaces (\"subnets ... currently in use\"), so the apply can"
                + " fail there and leave the old subnet in place; move the instance out of that subnet first");
    }
}
