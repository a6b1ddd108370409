package com.featureapi.platform.data;

import com.featureapi.platform.config.CacheConfig;
import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.naming.NameTag;
import com.featureapi.platform.naming.ResourceNames;
import com.pulumi.aws.cloudwatch.LogGroup;
import com.pulumi.aws.cloudwatch.LogGroupArgs;
import com.pulumi.aws.elasticache.ParameterGroup;
import com.pulumi.aws.elasticache.ParameterGroupArgs;
import com.pulumi.aws.elasticache.ReplicationGroup;
import com.pulumi.aws.elasticache.ReplicationGroupArgs;
import com.pulumi.aws.elasticache.SubnetGroup;
import com.pulumi.aws.elasticache.SubnetGroupArgs;
import com.pulumi.aws.elasticache.User;
import com.pulumi.aws.elasticache.UserArgs;
import com.pulumi.aws.elasticache.UserGroup;
import com.pulumi.aws.elasticache.UserGroupArgs;
import com.pulumi.aws.elasticache.inputs.ParameterGroupParameterArgs;
import com.pulumi.aws.elasticache.inputs.ReplicationGroupLogDeliveryConfigurationArgs;
import com.pulumi.aws.elasticache.inputs.UserAuthenticationModeArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ElastiCache Redis OSS: encrypted at rest and in transit, IAM authentication (no password exists
 * anywhere), slow log in CloudWatch, and in production Multi-AZ with automatic failover.
 */
final class Cache {

    /** The Redis port; the security tier opens the same port from the nodes to the cache group. */
    static final int PORT = 6379;

    private Cache() {
    }

    static ReplicationGroup create(Data owner, DataArgs args) {
        PlatformConfig config = args.config();
        CacheConfig cache = config.cache();
        boolean production = config.environment().isProduction();
        String prefix = config.namePrefix();
        var child = CustomResourceOptions.builder().parent(owner).build();

        var subnets = new SubnetGroup("redis", SubnetGroupArgs.builder()
                .name(prefix + "-redis")
                .description("Database subnets of " + prefix + " (no internet route)")
                .subnetIds(args.databaseSubnetIds())
                .tags(NameTag.of(prefix + "-redis"))
                .build(), child);
        var parameters = new ParameterGroup("redis", ParameterGroupArgs.builder()
                .name(prefix + "-redis7")
                .family("redis7")
                .description("Evict least recently used keys when full (seed 001)")
                .parameters(parameters(cache).entrySet().stream()
                        .map(p -> ParameterGroupParameterArgs.builder().name(p.getKey()).value(p.getValue()).build())
                        .toList())
                .tags(NameTag.of(prefix + "-redis"))
                .build(), child);

        // A user group must contain a user named "default"; this one is switched off, so only IAM users get in.
        var disabledDefault = new User("redis-default", UserArgs.builder()
                .userId(prefix + "-default")
                .userName("default")
                .engine("redis")
                .accessString("off -@all")
                // Not authenticationMode.type "no-password-required": that is the input value, but ElastiCache reports
                // the mode back as "no-password", and the provider stores what it reads, so every preview would show a
                // change and every `up` would modify the user. The top-level flag sends the same NoPasswordRequired to
                // CreateUser, is not read back (so it stays equal), and leaves authenticationMode to the provider, which
                // computes it from AWS without a diff. Nobody can log in as this user anyway: its access string is "off".
                .noPasswordRequired(true)
                .tags(NameTag.of(prefix + "-redis-default"))
                .build(), child);
        String appUser = ResourceNames.cacheAppUser(config);
        // IAM authentication requires the user id and the user name to be the same.
        var app = new User("redis-feature-api", UserArgs.builder()
                .userId(appUser)
                .userName(appUser)
                .engine("redis")
                .accessString("on ~* +@all -@dangerous")
                .authenticationMode(UserAuthenticationModeArgs.builder().type("iam").build())
                .tags(NameTag.of(appUser))
                .build(), child);
        var users = new UserGroup("redis", UserGroupArgs.builder()
                .userGroupId(prefix + "-redis")
                .engine("redis")
                .userIds(Output.all(disabledDefault.userId(), app.userId()))
                .tags(NameTag.of(prefix + "-redis"))
                .build(), child);

        var slowLog = new LogGroup("redis-slow-log", LogGroupArgs.builder()
                .name("/aws/elasticache/" + prefix + "/redis/slow-log")
                .retentionInDays(cache.slowLogRetentionDays())
                .kmsKeyId(args.security().logsKeyArn())
                .tags(NameTag.of(prefix + "-redis-slow-log"))
                .build(), child);

        var group = ReplicationGroupArgs.builder()
                .replicationGroupId(ResourceNames.cacheReplicationGroup(config))
                .description("feature-api cache of " + prefix)
                .engine("redis")
                .engineVersion(cache.engineVersion())
                .nodeType(cache.nodeType())
                .numCacheClusters(cache.numCacheClusters())
                .automaticFailoverEnabled(cache.automaticFailover())
                .multiAzEnabled(cache.automaticFailover())
                .port(PORT)
                .subnetGroupName(subnets.name())
                .securityGroupIds(args.security().cacheSecurityGroupId().applyValue(List::of))
                .parameterGroupName(parameters.name())
                .atRestEncryptionEnabled(true)
                .kmsKeyId(args.security().cacheKeyArn())
                .transitEncryptionEnabled(true)
                .transitEncryptionMode("required")
                .userGroupIds(users.userGroupId().applyValue(List::of))
                .snapshotRetentionLimit(cache.snapshotRetentionDays())
                .snapshotWindow(cache.snapshotWindow())
                .maintenanceWindow(cache.maintenanceWindow())
                .autoMinorVersionUpgrade(true)
                // Per environment: staging now, production in the maintenance window (platform:cache.applyImmediately).
                .applyImmediately(cache.applyImmediately())
                .logDeliveryConfigurations(ReplicationGroupLogDeliveryConfigurationArgs.builder()
                        .destination(slowLog.name())
                        .destinationType("cloudwatch-logs")
                        .logFormat("json")
                        .logType("slow-log")
                        .build())
                .tags(NameTag.of(prefix + "-redis"));
        if (production) {
            group.finalSnapshotIdentifier(prefix + "-redis-final");
        }
        return new ReplicationGroup("redis", group.build(), CustomResourceOptions.builder().parent(owner).protect(production).build());
    }

    /**
     * The engine parameters the stack sets, in order: least-recently-used eviction always (seed 001), active
     * defragmentation when {@code platform:cache.activeDefrag} is on. Both apply without a reboot.
     */
    static Map<String, String> parameters(CacheConfig cache) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("maxmemory-policy", "allkeys-lru");
        if (cache.activeDefrag()) {
            parameters.put("activedefrag", "yes");
        }
        return parameters;
    }
}
