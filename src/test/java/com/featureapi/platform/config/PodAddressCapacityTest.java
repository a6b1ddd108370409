package com.featureapi.platform.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PodAddressCapacityTest {

    @Test
    void addressesPerNodeAreEnisTimesAddressesPerEni() {
        assertThat(PodAddressCapacity.addressesPerNode("m5.large")).contains(30);
        assertThat(PodAddressCapacity.addressesPerNode("m5.xlarge")).contains(60);
        assertThat(PodAddressCapacity.addressesPerNode("m7g.4xlarge")).contains(240);
        assertThat(PodAddressCapacity.addressesPerNode("t3.medium")).contains(18);
        assertThat(PodAddressCapacity.addressesPerNode("x2gd.large")).isEqualTo(Optional.empty());
    }

    @Test
    void projectStacksHaveRoomForEveryPodAtMaxSize() {
        assertThat(PodAddressCapacity.warnings(StackConfigFixture.of("staging").load())).isEmpty();
        assertThat(PodAddressCapacity.warnings(StackConfigFixture.of("production").load())).isEmpty();
    }

    @Test
    void productionOnTheSeedsSlash24SubnetsIsWarnedPerAz() {
        var seedSubnets = StackConfigFixture.of("production")
                .set("platform:network", "subnets/private/0/cidr", "10.0.10.0/24")
                .set("platform:network", "subnets/private/1/cidr", "10.0.20.0/24")
                .set("platform:network", "subnets/private/2/cidr", "10.0.30.0/24");
        List<String> warnings = PodAddressCapacity.warnings(seedSubnets.load());
        assertThat(warnings).hasSize(3);
        assertThat(warnings.get(0)).isEqualTo("platform:network private subnet 10.0.10.0/24 (us-east-1a) has 235 addresses for pods, "
                + "but the node groups at maxSize may need 300 there (4 x app-nodes (60 each) + 2 x monitoring-nodes (30 each) with the "
                + "VPC CNI's defaults): pods would stay Pending at scale-out. Give the private subnets a larger block (for example a /22), "
                + "lower maxSize, or spread the groups over more AZs");
    }

    @Test
    void anInstanceTypeOutsideTheTableIsNamedRatherThanGuessed() {
        var config = StackConfigFixture.of("staging").set("platform:cluster", "nodeGroups/0/instanceTypes", List.of("x2gd.large")).load();
        assertThat(PodAddressCapacity.warnings(config)).containsExactly("platform:cluster.nodeGroups app-nodes: instance type x2gd.large "
                + "is not in the VPC CNI address table (config/PodAddressCapacity.java), so its pods' demand on the private subnets is not checked");
    }
}
