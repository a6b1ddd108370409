package com.featureapi.platform.config;

import java.util.Map;

/**
 * Every setting of one stack, loaded and validated as a whole by {@link PlatformConfigLoader}.
 *
 * @param project     Pulumi project name
 * @param stack       Pulumi stack name
 * @param region      {@code aws:region}
 * @param accountId   {@code platform:accountId}: the 12-digit AWS account the stack may deploy to; the provider
 *                    refuses any other account, so staging config can never be applied to production
 * @param environment {@code platform:environment}: production, staging or development
 */
public record PlatformConfig(
        String project,
        String stack,
        String region,
        String accountId,
        Environment environment,
        TagsConfig tags,
        NetworkConfig network,
        SecurityConfig security,
        ClusterConfig cluster,
        DatabaseConfig database,
        CacheConfig cache,
        StorageConfig storage,
        AppConfig app,
        DnsConfig dns,
        EdgeConfig edge,
        MonitoringConfig monitoring,
        CostConfig cost) {

    /** Prefix of physical names and Name tags: {@code <project>-<stack>}. */
    public String namePrefix() {
        return project + "-" + stack;
    }

    public Map<String, String> defaultTags() {
        return tags.defaultTags(project, stack, environment);
    }

    /**
     * The subnets of the app's ALB: the public ones when it is internet-facing, else the load-balancer subnets if the
     * stack has them, else the private ones. The Ingress names them and the app's NetworkPolicy admits their CIDRs.
     */
    public SubnetRole applicationLoadBalancerSubnets() {
        return app.internetFacing() ? SubnetRole.PUBLIC : network.internalLoadBalancerRole();
    }
}
