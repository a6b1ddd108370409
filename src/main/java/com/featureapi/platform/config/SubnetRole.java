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
    DATABASE("database");

    private final String configName;

    SubnetRole(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    static List<String> configNames() {
        return Arrays.stream(values()).map(SubnetRole::configName).toList();
    }
}
