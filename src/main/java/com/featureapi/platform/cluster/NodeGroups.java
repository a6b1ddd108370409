package com.featureapi.platform.cluster;

import com.featureapi.platform.config.NodeGroupConfig;
import com.featureapi.platform.naming.NameTag;
import com.pulumi.aws.ec2.LaunchTemplate;
import com.pulumi.aws.ec2.LaunchTemplateArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingEbsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateMetadataOptionsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateTagSpecificationArgs;
import com.pulumi.aws.eks.NodeGroup;
import com.pulumi.aws.eks.NodeGroupArgs;
import com.pulumi.aws.eks.inputs.NodeGroupLaunchTemplateArgs;
import com.pulumi.aws.eks.inputs.NodeGroupScalingConfigArgs;
import com.pulumi.aws.eks.inputs.NodeGroupTaintArgs;
import com.pulumi.aws.eks.inputs.NodeGroupUpdateConfigArgs;
import com.pulumi.core.Output;
import com.pulumi.resources.CustomResourceOptions;
import com.pulumi.resources.Resource;

import java.util.List;

/** Managed node groups, each on its own hardened launch template. */
final class NodeGroups {

    private NodeGroups() {
    }

    static NodeGroup create(NodeGroupConfig group, Cluster owner, Output<String> clusterName, ClusterArgs args,
                            List<Resource> before) {
        String prefix = args.config().namePrefix();
        var child = CustomResourceOptions.builder().parent(owner).build();
        var template = new LaunchTemplate(group.name(), LaunchTemplateArgs.builder()
                .namePrefix(prefix + "-" + group.name() + "-")
                .description("Nodes of " + prefix + "/" + group.name() + ": IMDSv2 only, encrypted gp3 root, no SSH key")
                .updateDefaultVersion(true)
                // IMDSv2 only, one hop: pods cannot reach the node's credentials through the metadata service.
                .metadataOptions(LaunchTemplateMetadataOptionsArgs.builder()
                        .httpEndpoint("enabled")
                        .httpTokens("required")
                        .httpPutResponseHopLimit(1)
                        .build())
                .blockDeviceMappings(LaunchTemplateBlockDeviceMappingArgs.builder()
                        .deviceName("/dev/xvda")
                        .ebs(LaunchTemplateBlockDeviceMappingEbsArgs.builder()
                                .volumeType("gp3")
                                .volumeSize(group.diskSizeGiB())
                                .encrypted("true")
                                .kmsKeyId(args.security().ebsKeyArn())
                                .deleteOnTermination("true")
                                .build())
                        .build())
                .vpcSecurityGroupIds(args.security().nodeSecurityGroupId().applyValue(List::of))
                .tagSpecifications(
                        LaunchTemplateTagSpecificationArgs.builder().resourceType("instance")
                                .tags(NameTag.of(prefix + "-" + group.name())).build(),
                        LaunchTemplateTagSpecificationArgs.builder().resourceType("volume")
                                .tags(NameTag.of(prefix + "-" + group.name())).build())
                .tags(NameTag.of(prefix + "-" + group.name()))
                .build(), child);

        var options = CustomResourceOptions.builder().parent(owner).dependsOn(before);
        if (args.config().cluster().autoscalerOwnsDesiredSize()) {
            // The cluster autoscaler moves desiredSize; re-applying the config must not undo its work.
            options.ignoreChanges("scalingConfig.desiredSize");
        }
        return new NodeGroup(group.name(), NodeGroupArgs.builder()
                .clusterName(clusterName)
                .nodeGroupName(group.name())
                .nodeRoleArn(args.security().nodeRoleArn())
                .subnetIds(args.privateSubnetIds())
                .instanceTypes(group.instanceTypes())
                .capacityType(group.capacityType())
                .amiType(group.arm64() ? "AL2023_ARM_64_STANDARD" : "AL2023_x86_64_STANDARD")
                .scalingConfig(NodeGroupScalingConfigArgs.builder()
                        .minSize(group.minSize())
                        .desiredSize(group.desiredSize())
                        .maxSize(group.maxSize())
                        .build())
                .updateConfig(NodeGroupUpdateConfigArgs.builder()
                        .maxUnavailablePercentage(group.maxUnavailablePercentage())
                        .build())
                .labels(group.labels())
                .taints(group.taints().stream().map(t -> NodeGroupTaintArgs.builder()
                        .key(t.key()).value(t.value()).effect(t.effect()).build()).toList())
                .launchTemplate(NodeGroupLaunchTemplateArgs.builder()
                        .id(template.id())
                        .version(template.latestVersion().applyValue(String::valueOf))
                        .build())
                .tags(NameTag.of(prefix + "-" + group.name()))
                .build(), options.build());
    }
}
