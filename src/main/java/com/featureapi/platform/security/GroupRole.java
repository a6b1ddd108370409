package com.featureapi.platform.security;

/** The security groups of the platform, one per tier that receives traffic. */
public enum GroupRole {
    ALB("alb", "Internet-facing application load balancer of feature-api"),
    NODE("node", "EKS worker nodes"),
    CLUSTER("cluster", "EKS control-plane network interfaces (additional cluster security group)"),
    DATABASE("database", "RDS PostgreSQL: only the nodes may connect"),
    CACHE("cache", "ElastiCache Redis: only the nodes may connect");

    private final String key;
    private final String description;

    GroupRole(String key, String description) {
        this.key = key;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public String description() {
        return description;
    }
}
