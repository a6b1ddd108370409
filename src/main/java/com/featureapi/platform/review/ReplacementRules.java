package com.featureapi.platform.review;

import java.util.Map;
import java.util.Set;

/**
 * Which inputs AWS cannot change in place, per type (the "Forces new resource" arguments of the AWS provider's
 * documentation for the stateful and central types), and which types hold data. A change to any other input
 * is shown as an in-place update; for types not listed, a change of {@code name}/{@code namePrefix} is
 * taken as a replacement, the common rule across the provider.
 */
final class ReplacementRules {

    private static final Map<String, Set<String>> FORCES_NEW = Map.ofEntries(
            Map.entry("aws:rds/instance:Instance", Set.of("identifier", "identifierPrefix", "engine", "dbName", "username",
                    "kmsKeyId", "storageEncrypted", "availabilityZone", "characterSetName", "timezone", "snapshotIdentifier",
                    "customIamInstanceProfile")),
            Map.entry("aws:elasticache/replicationGroup:ReplicationGroup", Set.of("replicationGroupId", "atRestEncryptionEnabled",
                    "kmsKeyId", "subnetGroupName", "port", "preferredCacheClusterAzs", "snapshotArns", "snapshotName", "networkType")),
            Map.entry("aws:s3/bucketV2:BucketV2", Set.of("bucket", "bucketPrefix", "objectLockEnabled")),
            Map.entry("aws:kms/key:Key", Set.of("keyUsage", "customerMasterKeySpec", "keySpec", "multiRegion", "xksKeyId", "customKeyStoreId")),
            Map.entry("aws:kms/replicaKey:ReplicaKey", Set.of("primaryKeyArn")),
            Map.entry("aws:secretsmanager/secret:Secret", Set.of("name", "namePrefix")),
            Map.entry("aws:cloudwatch/logGroup:LogGroup", Set.of("name", "namePrefix")),
            Map.entry("aws:eks/cluster:Cluster", Set.of("name", "roleArn", "kubernetesNetworkConfig", "bootstrapSelfManagedAddons",
                    "accessConfig.bootstrapClusterCreatorAdminPermissions", "outpostConfig")),
            Map.entry("aws:eks/nodeGroup:NodeGroup", Set.of("clusterName", "nodeGroupName", "nodeGroupNamePrefix", "nodeRoleArn",
                    "subnetIds", "instanceTypes", "capacityType", "amiType", "diskSize", "remoteAccess")),
            Map.entry("aws:ec2/vpc:Vpc", Set.of("cidrBlock", "instanceTenancy")),
            Map.entry("aws:ec2/subnet:Subnet", Set.of("vpcId", "cidrBlock", "availabilityZone", "availabilityZoneId")),
            Map.entry("aws:ec2/natGateway:NatGateway", Set.of("subnetId", "allocationId", "connectivityType", "privateIp")),
            Map.entry("aws:ec2/securityGroup:SecurityGroup", Set.of("name", "namePrefix", "vpcId", "description")),
            Map.entry("aws:ec2/launchTemplate:LaunchTemplate", Set.of("name", "namePrefix")),
            Map.entry("aws:iam/role:Role", Set.of("name", "namePrefix", "path")),
            Map.entry("aws:ec2/routeTableAssociation:RouteTableAssociation", Set.of("subnetId", "gatewayId")),
            Map.entry("aws:ec2/networkAclAssociation:NetworkAclAssociation", Set.of("subnetId", "networkAclId")),
            Map.entry("aws:ec2/vpcEndpoint:VpcEndpoint", Set.of("vpcId", "serviceName", "vpcEndpointType")),
            Map.entry("aws:rds/subnetGroup:SubnetGroup", Set.of("name", "namePrefix")),
            Map.entry("aws:rds/parameterGroup:ParameterGroup", Set.of("name", "namePrefix", "family")),
            Map.entry("aws:elasticache/subnetGroup:SubnetGroup", Set.of("name")),
            Map.entry("aws:elasticache/parameterGroup:ParameterGroup", Set.of("name", "family")),
            Map.entry("kubernetes:core/v1:PersistentVolumeClaim", Set.of("spec.storageClassName", "spec.accessModes", "metadata.name",
                    "metadata.namespace")));

    /** Types that hold data: deleting or replacing one loses it. */
    static final Set<String> STATEFUL = Set.of("aws:rds/instance:Instance", "aws:elasticache/replicationGroup:ReplicationGroup",
            "aws:s3/bucketV2:BucketV2", "aws:kms/key:Key", "aws:kms/replicaKey:ReplicaKey", "aws:secretsmanager/secret:Secret",
            "aws:cloudwatch/logGroup:LogGroup", "kubernetes:core/v1:PersistentVolumeClaim", "aws:eks/cluster:Cluster");

    private ReplacementRules() {
    }

    /** The inputs that force a replacement, per type (for tests that walk the rules one by one). */
    static Map<String, Set<String>> forcingInputs() {
        return FORCES_NEW;
    }

    /** True when a change of {@code path} (or of anything inside it) replaces a resource of {@code type}. */
    static boolean forcesReplacement(String type, String path, Iterable<String> replaceOnChanges) {
        for (String declared : replaceOnChanges) {
            if (covers(declared, path)) {
                return true;
            }
        }
        Set<String> forcing = FORCES_NEW.getOrDefault(type, type.startsWith("aws:") ? Set.of("name", "namePrefix") : Set.of());
        for (String f : forcing) {
            if (covers(f, path)) {
                return true;
            }
        }
        return false;
    }

    private static boolean covers(String declared, String path) {
        String d = declared.replace("[*]", "").replace("*", "");
        return path.equals(d) || path.startsWith(d + ".") || path.startsWith(d + "[");
    }
}
