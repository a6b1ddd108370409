package com.featureapi.platform.config;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code platform:network.subnets.loadBalancer}: optional subnets of their own for internal load balancers (issue 21
 * item 12), with the exact message for each mistake.
 */
class LoadBalancerSubnetsConfigTest {

    private static List<String> cidrs(List<SubnetConfig> subnets) {
        return subnets.stream().map(SubnetConfig::cidr).toList();
    }

    @Test
    void stagingsInternalAlbHasItsOwnSubnetsAndProductionHasNone() {
        NetworkConfig staging = StackConfigFixture.of("staging").load().network();
        assertThat(cidrs(staging.subnets(SubnetRole.LOAD_BALANCER))).containsExactly("10.0.4.0/24", "10.0.5.0/24", "10.0.6.0/24");
        assertThat(cidrs(staging.internalLoadBalancerSubnets())).containsExactly("10.0.4.0/24", "10.0.5.0/24", "10.0.6.0/24");
        NetworkConfig production = StackConfigFixture.of("production").load().network();
        assertThat(production.subnets(SubnetRole.LOAD_BALANCER)).isEmpty();
        // Without them, an internal load balancer goes where it always went: the private subnets.
        assertThat(production.internalLoadBalancerSubnets()).isEqualTo(production.subnets(SubnetRole.PRIVATE));
    }

    @Test
    void theRoleMayBeLeftOut() {
        NetworkConfig network = StackConfigFixture.of("staging").remove("platform:network", "subnets/loadBalancer").load().network();
        assertThat(cidrs(network.internalLoadBalancerSubnets())).containsExactly("10.0.10.0/24", "10.0.20.0/24", "10.0.30.0/24");
    }

    @Test
    void aSubnetSmallerThanASlash27IsRefused() {
        assertThat(StackConfigFixture.of("staging").set("platform:network", "subnets/loadBalancer/1/cidr", "10.0.5.0/28").problems())
                .containsExactly("platform:network.subnets.loadBalancer[1].cidr = \"10.0.5.0/28\": is too small for a load balancer: "
                        + "an ALB needs at least a /27 with 8 free addresses in each of its subnets");
        assertThat(cidrs(StackConfigFixture.of("staging").set("platform:network", "subnets/loadBalancer/1/cidr", "10.0.5.0/27")
                .load().network().internalLoadBalancerSubnets())).containsExactly("10.0.4.0/24", "10.0.5.0/27", "10.0.6.0/24");
    }

    @Test
    void eachAzNeedsOneOnceTheRoleIsThere() {
        assertThat(StackConfigFixture.of("staging").remove("platform:network", "subnets/loadBalancer/2").problems()).containsExactly(
                "platform:network.subnets.loadBalancer: has no subnet in us-east-1c; each AZ needs exactly one loadBalancer subnet");
    }

    @Test
    void theyMayNotOverlapThePodSubnets() {
        assertThat(StackConfigFixture.of("staging").set("platform:network", "subnets/loadBalancer/0/cidr", "10.0.10.0/26").problems())
                .containsExactly("platform:network.subnets.loadBalancer[0].cidr = \"10.0.10.0/26\": overlaps "
                        + "platform:network.subnets.private[0].cidr (10.0.10.0/24)");
    }

    @Test
    void anInternetFacingAlbRefusesThem() {
        StackConfigFixture production = StackConfigFixture.of("production").set("platform:network", "subnets/loadBalancer", List.of(
                Map.of("availabilityZone", "us-east-1a", "cidr", "10.0.4.0/24"),
                Map.of("availabilityZone", "us-east-1b", "cidr", "10.0.5.0/24"),
                Map.of("availabilityZone", "us-east-1c", "cidr", "10.0.6.0/24")));
        assertThat(production.problems()).containsExactly("platform:network.subnets.loadBalancer: holds internal load balancers only, "
                + "but platform:app.internetFacing is true and its ALB goes into the public subnets: remove these subnets or make the ALB internal");
    }
}
