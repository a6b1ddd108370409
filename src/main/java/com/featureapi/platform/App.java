package com.featureapi.platform;

import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.config.PlatformConfigLoader;
import com.featureapi.platform.config.PulumiConfigSource;
import com.featureapi.platform.config.StackKeys;
import com.featureapi.platform.config.SubnetRole;
import com.featureapi.platform.network.Network;
import com.featureapi.platform.network.NetworkArgs;
import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.aws.Provider;
import com.pulumi.aws.ProviderArgs;
import com.pulumi.aws.inputs.ProviderDefaultTagsArgs;
import com.pulumi.resources.ComponentResourceOptions;

import java.util.List;
import java.util.Optional;

/**
 * The Pulumi program: {@code pulumi up} starts {@link #main}; the offline engine calls {@link #define}
 * with the keys of the stack file it injected. Config is loaded and validated as a whole before the first
 * resource is registered, so invalid config never half-applies.
 */
public final class App {

    private App() {
    }

    public static void main(String[] args) {
        Pulumi.run(ctx -> define(ctx, StackKeys.fromEnvironment()));
    }

    /**
     * Builds the whole platform.
     *
     * @param keys the config keys the stack sets, to reject unknown keys under {@code platform:}, and which
     *             are secret, so that no error prints their values
     */
    public static void define(Context ctx, StackKeys keys) {
        PlatformConfig config = PlatformConfigLoader.load(
                new PulumiConfigSource(ctx, keys), ctx.projectName(), ctx.stackName());

        var aws = new Provider("aws", ProviderArgs.builder()
                .region(config.region())
                // Refuses to touch any other account: staging config cannot be applied to production.
                .allowedAccountIds(List.of(config.accountId()))
                .defaultTags(ProviderDefaultTagsArgs.builder().tags(config.defaultTags()).build())
                .build());
        var inAws = ComponentResourceOptions.builder().providers(aws).build();

        var network = new Network("network", new NetworkArgs(
                config.network(), config.namePrefix(), config.region(), config.accountId(), Optional.empty()), inAws);

        ctx.export("vpcId", network.vpcId());
        ctx.export("publicSubnetIds", network.subnetIdList(SubnetRole.PUBLIC));
        ctx.export("privateSubnetIds", network.subnetIdList(SubnetRole.PRIVATE));
        ctx.export("databaseSubnetIds", network.subnetIdList(SubnetRole.DATABASE));
    }
}
