package com.featureapi.platform.cluster;

import com.featureapi.platform.plan.PlannedStacks;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceMetadataTest {

    @Test
    void podsCannotReachMetadataSoTheLoadBalancerControllerIsToldRegionAndVpc() {
        assertThat(PlannedStacks.of("production").ofType("aws:ec2/launchTemplate:LaunchTemplate"))
                .allSatisfy(t -> assertThat(t.input("metadataOptions.httpPutResponseHopLimit")).isEqualTo((long) InstanceMetadata.HOP_LIMIT));
        assertThat(InstanceMetadata.HOP_LIMIT).isEqualTo(1);
        assertThat(InstanceMetadata.loadBalancerControllerValues("platform-production", "us-east-1", "vpc-0abc"))
                .isEqualTo(Map.of("clusterName", "platform-production", "region", "us-east-1", "vpcId", "vpc-0abc"));
        assertThat(InstanceMetadata.VALUES_IMDS_WOULD_PROVIDE.get("aws-load-balancer-controller"))
                .containsExactlyElementsOf(InstanceMetadata.loadBalancerControllerValues("c", "r", "v").keySet());
    }
}
