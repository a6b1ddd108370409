package com.featureapi.platform.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlannedStacks;
import com.featureapi.platform.plan.StackFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Raising minSize above a group's current (autoscaler-owned) size: EKS refuses an UpdateNodegroupConfig whose
 * minSize exceeds its desiredSize, and with desiredSize ignored the provider sends the old one. One group at a
 * time may send its desiredSize with the new minSize in the same update.
 */
class NodeGroupScalingTest {

    private static final String NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";

    @Test
    void applyDesiredSizeSendsOneGroupsWholeScalingConfigAndLeavesTheOthersToTheAutoscaler(@TempDir Path dir) {
        Plan plan = PlannedStacks.plan(StackFiles.copyEdited(dir, "production", config -> {
            ObjectNode appNodes = (ObjectNode) config.get("platform:cluster").get("nodeGroups").get(0);
            appNodes.put("minSize", 5).put("desiredSize", 6).put("applyDesiredSize", true);
        }), "production");
        var app = plan.one(NODE_GROUP, "app-nodes");
        assertThat(app.ignoreChanges()).isEmpty();
        assertThat(app.input("scalingConfig")).isEqualTo(Map.of("minSize", 5L, "desiredSize", 6L, "maxSize", 10L));
        assertThat(plan.one(NODE_GROUP, "monitoring-nodes").ignoreChanges()).containsExactly("scalingConfig.desiredSize");
    }

    @Test
    void theProjectStacksLeaveDesiredSizeToTheAutoscaler() {
        for (String stack : new String[] {"staging", "production"}) {
            assertThat(PlannedStacks.of(stack).ofType(NODE_GROUP))
                    .allSatisfy(group -> assertThat(group.ignoreChanges()).containsExactly("scalingConfig.desiredSize"));
        }
    }
}
