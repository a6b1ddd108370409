package com.featureapi.platform.config;

import java.util.List;

/** How many NAT gateways the VPC gets. */
public enum NatMode {
    /** One NAT gateway in the first AZ for the whole VPC: cheaper, egress depends on one AZ. */
    SINGLE("single"),
    /** One NAT gateway per AZ: an AZ outage never cuts another AZ's egress. */
    PER_AZ("perAz");

    private final String configName;

    NatMode(String configName) {
        this.configName = configName;
    }

    public String configName() {
        return configName;
    }

    static List<String> configNames() {
        return List.of(SINGLE.configName, PER_AZ.configName);
    }

    static NatMode fromConfigName(String name) {
        return PER_AZ.configName.equals(name) ? PER_AZ : SINGLE;
    }
}
