package com.featureapi.platform.cluster;

import com.featureapi.platform.config.NodeGroupConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The AMI architecture follows the instance family: ARM64 for Graviton, x86_64 for everything else. */
class NodeGroupsTest {

    private static NodeGroupConfig group(String instanceType) {
        return new NodeGroupConfig("app-nodes", List.of(instanceType), "ON_DEMAND", 1, 1, 1, 50, 33, Map.of(), List.of(), false, false);
    }

    @ParameterizedTest
    @ValueSource(strings = {"m6g.large", "m7g.xlarge", "m7gd.large", "c7gn.large", "r8g.large", "t4g.medium", "x2gd.large",
            "im4gn.large", "g5g.xlarge", "a1.large", "c6gn.16xlarge"})
    void gravitonFamiliesRunTheArmAmi(String instanceType) {
        assertThat(NodeGroups.amiType(group(instanceType))).isEqualTo("AL2023_ARM_64_STANDARD");
    }

    @ParameterizedTest
    @ValueSource(strings = {"m5.large", "m5.xlarge", "m6i.large", "m7i.large", "m6a.large", "c5n.large", "t3.medium", "g5.xlarge",
            "g6.xlarge", "p4d.24xlarge", "inf2.xlarge", "m5dn.large", "r7iz.large"})
    void otherFamiliesRunTheX86Ami(String instanceType) {
        assertThat(NodeGroups.amiType(group(instanceType))).isEqualTo("AL2023_x86_64_STANDARD");
    }
}
