package com.featureapi.platform.config;

/**
 * One subnet of the VPC plan.
 *
 * @param availabilityZone the AZ, one of {@code platform:network.availabilityZones}
 * @param role             public, private or database
 * @param cidr             an IPv4 block inside the VPC CIDR that overlaps no other subnet
 */
public record SubnetConfig(String availabilityZone, SubnetRole role, String cidr) {
}
