package com.featureapi.platform.config;

import java.util.Arrays;
import java.util.List;

/** The tier a subnet serves; decides its routes. */
public enum SubnetRole {
    /** Load balancers and NAT gateways; routes to the internet gateway. */
    PUBLIC("public"),
    /** EKS nodes and the control-plane ENIs; routes to a NAT gateway. */
    PRIVATE("private"),
    /** RDS and ElastiCache; no route to the internet at all. */
    DATABASE("database"),
    /**
     * Optional: internal load balancers apart from the pods, so that the app's NetworkPolicy can admit the ALB's
     * addresses without admitting every pod (issue 21 item 12); routed like the private subnets of their AZ.
     */
    LOAD_BALANCER("loadBalancer");

    /** The smallest subnet an ALB accepts: a /27 with at least 8 free addresses (Elastic Load Balancing user guide). */
    public static final int LOAD_BALANCER_MAX_PREFIX = 27;

    private final String configName;

    SubnetRole(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    /** Part of the resource and Name tag of each subnet: the config name, hyphenated (existing names stay as they are). */
    public String resourceName() {
        return this == LOAD_BALANCER ? "load-balancer" : configName;
    }

    /** Whether a stack may leave the role out (only the load-balancer subnets: an internal ALB then uses the private ones). */
    public boolean optional() {
        return this == LOAD_BALANCER;
    }

    static List<String> configNames() {
        return Arrays.stream(values()).map(SubnetRole::configName).toList();
    }
}
