package com.featureapi.platform.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.featureapi.platform.plan.Plan;
import com.featureapi.platform.plan.PlanReader;
import com.featureapi.platform.plan.PlanWriter;
import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The review's security cautions on the production fixture's plan and copies of it with one input changed the
 * way a pull request would change it: what weakens is named even though no policy fires.
 */
class SecurityCautionsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLUSTER = "platform:cluster:Cluster$aws:eks/cluster:Cluster::cluster";
    private static final String DATABASE = "platform:data:Data$aws:rds/instance:Instance::postgres";

    private static Plan base() {
        return PlannedStacks.of("production");
    }

    /** The base plan with one resource's inputs edited. */
    private static Plan edited(String type, String name, Consumer<ObjectNode> edit) {
        try {
            JsonNode plan = JSON.readTree(PlanWriter.toJson(base()));
            boolean found = false;
            for (JsonNode r : plan.path("resources")) {
                if (r.path("type").asText().equals(type) && r.path("name").asText().equals(name)) {
                    edit.accept((ObjectNode) r.path("inputs"));
                    found = true;
                }
            }
            assertThat(found).as(type + " " + name + " in the production plan").isTrue();
            return PlanReader.parse(JSON.writeValueAsString(plan), "edited production plan").plan();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> cautions(Plan head) {
        return SecurityCautions.between(base(), head).stream().map(c -> c.address() + ": " + c.message()).toList();
    }

    @Test
    void anUnchangedPlanHasNone() {
        assertThat(SecurityCautions.between(base(), base())).isEmpty();
        assertThat(SecurityCautions.markdown(List.of())).isEmpty();
    }

    @Test
    void openingThePrivateApiEndpointToAnOfficeRangeIsACaution() {
        Plan head = edited("aws:eks/cluster:Cluster", "cluster", in -> {
            ObjectNode vpc = (ObjectNode) in.path("vpcConfig");
            vpc.put("endpointPublicAccess", true);
            vpc.putArray("publicAccessCidrs").add("52.94.76.0/22");
        });
        // a /22: 1,024 public addresses
        assertThat(cautions(head)).containsExactly(CLUSTER + ": public access to the Kubernetes API widened to 1,024 public addresses: publicAccessCidrs [] → [52.94.76.0/22]");
    }

    @Test
    void theSplitRangeCountsAsTheWholeInternet() {
        Plan head = edited("aws:eks/cluster:Cluster", "cluster", in -> {
            ObjectNode vpc = (ObjectNode) in.path("vpcConfig");
            vpc.put("endpointPublicAccess", true);
            vpc.putArray("publicAccessCidrs").add("0.0.0.0/1").add("128.0.0.0/1");
        });
        // 2^32 - 592,708,608 special-purpose addresses
        assertThat(cautions(head)).containsExactly(CLUSTER
                + ": public access to the Kubernetes API widened to 3,702,258,688 public addresses: publicAccessCidrs [] → [0.0.0.0/1, 128.0.0.0/1]");
    }

    @Test
    void postgresOpenedOnTheLoadBalancersGroupIsACaution() {
        Plan head = edited("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "alb-https", in -> in.put("fromPort", 5432).put("toPort", 5432));
        assertThat(cautions(head)).singleElement().asString()
                .endsWith("aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule::alb-https: ingress tcp 5432 from 0.0.0.0/0 (3,702,258,688 public IPv4 addresses)");
    }

    @Test
    void encryptionDeletionProtectionAndRetentionWeakenedOnTheDatabase() {
        Plan head = edited("aws:rds/instance:Instance", "postgres", in -> in.put("storageEncrypted", false).put("deletionProtection", false)
                .put("backupRetentionPeriod", 7).put("skipFinalSnapshot", true));
        assertThat(cautions(head)).containsExactlyInAnyOrder(
                DATABASE + ": encryption turned off: storageEncrypted true → false",
                DATABASE + ": deletion protection turned off: deletionProtection true → false",
                DATABASE + ": retention shortened: backupRetentionPeriod 30 → 7",
                DATABASE + ": deletion protection turned off: skipFinalSnapshot false → true");
    }

    @Test
    void theCacheLosingEncryptionInTransitOrAtRestIsACaution() {
        Plan head = edited("aws:elasticache/replicationGroup:ReplicationGroup", "redis", in -> in.put("transitEncryptionEnabled", false)
                .put("atRestEncryptionEnabled", false));
        assertThat(cautions(head)).containsExactlyInAnyOrder(
                "platform:data:Data$aws:elasticache/replicationGroup:ReplicationGroup::redis: encryption turned off: transitEncryptionEnabled true → false",
                "platform:data:Data$aws:elasticache/replicationGroup:ReplicationGroup::redis: encryption turned off: atRestEncryptionEnabled true → false");
    }

    @Test
    void aLogGroupKeptForeverOrLongerIsNoCaution() {
        assertThat(cautions(edited("aws:cloudwatch/logGroup:LogGroup", "flow-logs", in -> in.put("retentionInDays", 0)))).isEmpty();
        assertThat(cautions(edited("aws:cloudwatch/logGroup:LogGroup", "flow-logs", in -> in.put("retentionInDays", 400)))).isEmpty();
        assertThat(cautions(edited("aws:cloudwatch/logGroup:LogGroup", "flow-logs", in -> in.put("retentionInDays", 30)))).singleElement().asString()
                .endsWith("flow-logs: retention shortened: retentionInDays 365 → 30");
    }

    @Test
    void theReviewCommentCarriesTheCautions() {
        Plan head = edited("aws:rds/instance:Instance", "postgres", in -> in.put("storageEncrypted", false));
        String markdown = SecurityCautions.markdown(SecurityCautions.between(base(), head));
        assertThat(markdown).isEqualTo("> [!WARNING]\n> **1 security-relevant change** (allowed by the policies, but read before approving):\n> - `"
                + DATABASE + "`: encryption turned off: storageEncrypted true → false\n\n");
    }
}
