package com.featureapi.platform.config;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Allowed ranges are judged by the public addresses they cover together, not by how they are spelt. */
class PublicRangesTest {

    private static List<String> problems(List<String> publicCidrs) {
        return StackConfigFixture.of("staging").set("platform:cluster", "endpointPublicAccessCidrs", publicCidrs).problems();
    }

    @Test
    void twoHalvesOfTheAddressSpaceAreRefusedLikeZeroSlashZero() {
        assertThat(problems(List.of("0.0.0.0/1", "128.0.0.0/1"))).containsExactly(
                "platform:cluster.endpointPublicAccessCidrs = \"0.0.0.0/1, 128.0.0.0/1\": these ranges together cover the whole internet"
                        + " (every public IPv4 address); that would open the Kubernetes API to the whole internet; list your office or VPN ranges");
    }

    @Test
    void theSplitRangeIsRefusedInThePrivateEndpointListToo() {
        assertThat(StackConfigFixture.of("staging").set("platform:cluster", "endpointPrivateAccessCidrs", List.of("0.0.0.0/1", "128.0.0.0/1")).problems())
                .containsExactly("platform:cluster.endpointPrivateAccessCidrs = \"0.0.0.0/1, 128.0.0.0/1\": these ranges together cover the whole internet"
                        + " (every public IPv4 address); that would open the private Kubernetes API endpoint to every network routed into the VPC;"
                        + " list the VPN's client range and the deploy runners' subnet");
    }

    @Test
    void aPublicRangeBroaderThanTheLimitIsRefusedWithItsSize() {
        // 3.0.0.0/8: 2^24 = 16,777,216 public addresses
        assertThat(problems(List.of("3.0.0.0/8"))).containsExactly(
                "platform:cluster.endpointPublicAccessCidrs = \"3.0.0.0/8\": this range covers 16,777,216 public addresses, more than the 65,536"
                        + " (a /16) allowed (PublicRanges.MAX_PUBLIC_ADDRESSES); that would open the Kubernetes API to the whole internet; list your office or VPN ranges");
    }

    @Test
    void theLimitIsInclusiveAndCountsTheRangesTogether() {
        assertThat(catchProblems(List.of("52.0.0.0/16"))).as("exactly 65,536").isEmpty();
        // 65,536 + 256 = 65,792
        assertThat(problems(List.of("52.0.0.0/16", "52.1.0.0/24"))).singleElement().asString()
                .contains("these ranges together cover 65,792 public addresses");
        // overlapping ranges count once
        assertThat(catchProblems(List.of("52.0.0.0/16", "52.0.1.0/24"))).isEmpty();
    }

    @Test
    void privateAndReservedAddressesAreNotPublic() {
        // 10/8 and 172.16/12 are private; 100.64/10 is carrier-grade NAT; none is reachable from the internet
        assertThat(PublicRanges.publicAddresses(List.of("10.0.0.0/8", "172.16.0.0/12", "100.64.0.0/10"))).isZero();
        // 2^32 minus the special-purpose blocks: 0/8, 10/8, 127/8 (3 x 16,777,216), 100.64/10 (4,194,304),
        // 169.254/16 and 192.168/16 (2 x 65,536), 172.16/12 (1,048,576), 198.18/15 (131,072), four /24s (1,024),
        // 224/4 and 240/4 (2 x 268,435,456): 4,294,967,296 - 592,708,608
        assertThat(PublicRanges.INTERNET).isEqualTo(BigInteger.valueOf(3_702_258_688L));
        assertThat(PublicRanges.publicAddresses(List.of("0.0.0.0/1", "128.0.0.0/1"))).isEqualTo(PublicRanges.INTERNET);
        // 0.0.0.0/1 alone: 2^31 minus 0/8, 10/8, 100.64/10, 127/8 = 2,147,483,648 - 54,525,952
        assertThat(PublicRanges.publicAddresses(List.of("0.0.0.0/1"))).isEqualTo(BigInteger.valueOf(2_092_957_696L));
    }

    @Test
    void namedOfficeRangesPass() {
        assertThat(catchProblems(List.of("198.51.100.0/24", "52.94.76.0/22", "18.206.107.24/29"))).isEmpty();
    }

    @Test
    void thePolicyPackTreatsTheSameLimitAsTheInternet() throws java.io.IOException {
        // config and the pack must agree, or a list config accepts would fail every policy run (or the reverse)
        assertThat(java.nio.file.Files.readString(java.nio.file.Path.of("policies/src/lib/cidr.ts")))
                .contains("export const MAX_PUBLIC_IPV4_ADDRESSES = " + PublicRanges.MAX_PUBLIC_ADDRESSES + "n;");
    }

    private static List<String> catchProblems(List<String> cidrs) {
        try {
            StackConfigFixture.of("staging").set("platform:cluster", "endpointPublicAccessCidrs", cidrs).load();
            return List.of();
        } catch (InvalidConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
    }
}
