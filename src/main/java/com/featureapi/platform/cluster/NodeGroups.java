package com.featureapi.platform.cluster;

import com.featureapi.platform.config.NodeGroupConfig;
import com.featureapi.platform.naming.NameTag;
import com.pulumi.aws.ec2.LaunchTemplate;
import com.pulumi.aws.ec2.LaunchTemplateArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateBlockDeviceMappingEbsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateMetadataOptionsArgs;
import com.pulumi.aws.ec2.inputs.LaunchTemplateNetworkInterfaceArgs;
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
import java.util.Map;
import java.util.TreeMap;

/** Managed node groups, each on its own hardened launch template. */
final class NodeGroups {

    static final String X86_64_AMI = "AL2023_x86_64_STANDARD";
    static final String ARM_64_AMI = "AL2023_ARM_64_STANDARD";
    /** What the launch template tags at launch; the provider's default tags reach only the template itself. */
    static final List<String> TAGGED_AT_LAUNCH = List.of("instance", "volume", "network-interface");
    /**
     * Tag of each group of a perAz family, naming the configured group: the policy pack counts the family's nodes and
     * zones together (nodegroup-min-size, nodegroup-multi-az), and an operator sees which groups belong together.
     */
    static final String PER_AZ_GROUP_TAG = "PerAzGroup";

    private final Cluster owner;
    private final Output<String> clusterName;
    private final ClusterArgs args;
    private final List<Resource> before;

    /**
     * @param owner       the component, parent of every node group and launch template
     * @param clusterName the cluster's name, from the cluster resource (so groups wait for it)
     * @param args        the cluster's inputs
     * @param before      what must exist before any node starts (the add-ons nodes need to become Ready)
     */
    NodeGroups(Cluster owner, Output<String> clusterName, ClusterArgs args, List<Resource> before) {
        this.owner = owner;
        this.clusterName = clusterName;
        this.args = args;
        this.before = List.copyOf(before);
    }

    /** The AL2023 AMI type of the group's architecture (config guarantees one architecture per group). */
    static String amiType(NodeGroupConfig group) {
        return group.arm64() ? ARM_64_AMI : X86_64_AMI;
    }

    /**
     * The group's node groups: one over every AZ's private subnet, or, for a {@code perAz} group, one per AZ on that
     * AZ's subnet, named {@code <name>-<az>}. The cluster autoscaler can only add a node in the AZ of a pending pod's
     * EBS volume if some group lives in that AZ alone; {@code balance-similar-node-groups} keeps the copies level.
     */
    List<NodeGroup> create(NodeGroupConfig group) {
        LaunchTemplate template = launchTemplate(group);
        if (!group.perAz()) {
            return List.of(create(group, group.name(), args.privateSubnetIdList(), template, Map.of()));
        }
        List<NodeGroup> perAz = new java.util.ArrayList<>();
        List<com.featureapi.platform.config.SubnetConfig> subnets =
                args.config().network().subnets(com.featureapi.platform.config.SubnetRole.PRIVATE);
        for (int i = 0; i < subnets.size(); i++) {
            perAz.add(create(group, group.name() + "-" + subnets.get(i).availabilityZone(),
                    args.privateSubnetIds().get(i).applyValue(List::of), template, Map.of(PER_AZ_GROUP_TAG, group.name())));
        }
        return perAz;
    }

    private NodeGroup create(NodeGroupConfig group, String name, Output<List<String>> subnetIds, LaunchTemplate template,
                             Map<String, String> extraTags) {
        String prefix = args.config().namePrefix();
        var options = CustomResourceOptions.builder().parent(owner).dependsOn(before);
        if (args.config().cluster().autoscalerOwnsDesiredSize() && !group.applyDesiredSize()) {
            // The cluster autoscaler moves desiredSize; re-applying the config must not undo its work. The
            // provider then sends the desiredSize of the state with every scaling change, so raising minSize
            // above it is refused by EKS until the group says applyDesiredSize for one `up` (README, Node groups).
            // ignoreChanges does not apply to a replacement: a replaced group starts at the configured desiredSize.
            options.ignoreChanges("scalingConfig.desiredSize");
        }
        return new NodeGroup(name, NodeGroupArgs.builder()
                .clusterName(clusterName)
                // A prefix, not a fixed name: changing instance types, capacity type or AMI type replaces the
                // group, and Pulumi creates the replacement before deleting the old one; a fixed name would
                // make that create fail ("already exists"). terraform-aws-modules/eks does the same.
                .nodeGroupNamePrefix(name + "-")
                .nodeRoleArn(args.security().nodeRoleArn())
                .subnetIds(subnetIds)
                .instanceTypes(group.instanceTypes())
                .capacityType(group.capacityType())
                .amiType(amiType(group))
                // The cluster's version, so raising kubernetesVersion rolls the nodes after the control plane
                // (the group waits for the cluster) instead of leaving them a minor behind.
                .version(args.config().cluster().kubernetesVersion())
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
                        // Each template change makes a new version; pointing at it rolls the nodes.
                        .version(template.latestVersion().applyValue(String::valueOf))
                        .build())
                .tags(groupTags(prefix + "-" + name, extraTags))
                .build(), options.build());
    }

    private static Map<String, String> groupTags(String name, Map<String, String> extraTags) {
        Map<String, String> tags = new TreeMap<>(NameTag.of(name));
        tags.putAll(extraTags);
        return tags;
    }

    private LaunchTemplate launchTemplate(NodeGroupConfig group) {
        String prefix = args.config().namePrefix();
        String nodeName = prefix + "-" + group.name();
        return new LaunchTemplate(group.name(), LaunchTemplateArgs.builder()
                .namePrefix(nodeName + "-")
                .description("Nodes of " + prefix + "/" + group.name() + ": IMDSv2 only, encrypted gp3 root, no SSH key, no public IP")
                .updateDefaultVersion(true)
                // IMDSv2 only, one hop: pods cannot reach the node's credentials through the metadata service,
                // nor its region or VPC id, which the Kubernetes tier must pass to charts (InstanceMetadata).
                .metadataOptions(LaunchTemplateMetadataOptionsArgs.builder()
                        .httpEndpoint("enabled")
                        .httpTokens("required")
                        .httpPutResponseHopLimit(InstanceMetadata.HOP_LIMIT)
                        .build())
                .blockDeviceMappings(LaunchTemplateBlockDeviceMappingArgs.builder()
                        // The AL2023 root device.
                        .deviceName("/dev/xvda")
                        .ebs(LaunchTemplateBlockDeviceMappingEbsArgs.builder()
                                .volumeType("gp3")
                                .volumeSize(group.diskSizeGiB())
                                .encrypted("true")
                                .kmsKeyId(args.security().ebsKeyArn())
                                .deleteOnTermination("true")
                                .build())
                        .build())
                // Stated on the interface rather than left to the subnet: EKS once gave managed nodes public
                // IPs regardless of the subnet (aws/containers-roadmap#607). The node group is on an interface
                // here, so the node security group is too (EC2 refuses both places at once).
                .networkInterfaces(LaunchTemplateNetworkInterfaceArgs.builder()
                        .deviceIndex(0)
                        .associatePublicIpAddress("false")
                        .deleteOnTermination("true")
                        .securityGroups(args.security().nodeSecurityGroupId().applyValue(List::of))
                        .build())
                // No keyName and no remoteAccess: nodes are reached through SSM, never SSH.
                .tagSpecifications(TAGGED_AT_LAUNCH.stream().map(resourceType -> LaunchTemplateTagSpecificationArgs.builder()
                        .resourceType(resourceType)
                        .tags(launchTags(nodeName))
                        .build()).toList())
                .tags(NameTag.of(nodeName))
                .build(), CustomResourceOptions.builder().parent(owner).build());
    }

    /**
     * The stack's default tags plus a Name: instances and volumes are most of the cluster's bill, and cost
     * allocation by Environment/Owner/CostCenter needs the tags on them, not only on the template.
     */
    private Map<String, String> launchTags(String nodeName) {
        Map<String, String> tags = new TreeMap<>(args.config().defaultTags());
        tags.putAll(NameTag.of(nodeName));
        return tags;
    }
}
