package com.featureapi.platform.cost;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Resource types that cost nothing by themselves, each with the reason. They are listed in the breakdown as
 * free, never left out; where their cost shows up elsewhere (a launch template's volumes under its node group,
 * a flow log's data under its log group), the reason says so.
 */
final class FreeTypes {

    private static final Map<String, String> FREE = new TreeMap<>();

    static {
        String vpc = "no charge for VPC configuration (AWS VPC pricing)";
        for (String t : new String[] {"aws:ec2/vpc:Vpc", "aws:ec2/subnet:Subnet", "aws:ec2/routeTable:RouteTable", "aws:ec2/route:Route",
                "aws:ec2/routeTableAssociation:RouteTableAssociation", "aws:ec2/internetGateway:InternetGateway",
                "aws:ec2/securityGroup:SecurityGroup", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup",
                "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule",
                "aws:ec2/networkAcl:NetworkAcl", "aws:ec2/defaultNetworkAcl:DefaultNetworkAcl", "aws:ec2/defaultRouteTable:DefaultRouteTable"}) {
            FREE.put(t, vpc);
        }
        // The pricing page bills hosted zones, queries and other features, never the association of a VPC with a
        // private zone (Route 53 pricing, read 2026-12-02); the zone itself is a prerequisite outside the stack.
        FREE.put("aws:route53/zoneAssociation:ZoneAssociation",
                "associating a VPC with a private hosted zone is free (Route 53 bills the zone and its queries, outside this stack)");
        FREE.put("aws:ec2/flowLog:FlowLog", "the flow log itself is free; its data is billed as ingestion of its log group");
        FREE.put("aws:ec2/launchTemplate:LaunchTemplate", "a template is free; its root volumes are priced with the node group that uses it");
        String iam = "IAM is free";
        for (String t : new String[] {"aws:iam/role:Role", "aws:iam/rolePolicy:RolePolicy", "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
                "aws:iam/policy:Policy", "aws:iam/instanceProfile:InstanceProfile", "aws:iam/openIdConnectProvider:OpenIdConnectProvider",
                "aws:iam/serviceLinkedRole:ServiceLinkedRole", "aws:iam/policyAttachment:PolicyAttachment"}) {
            FREE.put(t, iam);
        }
        FREE.put("aws:kms/alias:Alias", "aliases are free");
        String eks = "included in the EKS cluster price";
        for (String t : new String[] {"aws:eks/addon:Addon", "aws:eks/accessEntry:AccessEntry", "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
                "aws:eks/podIdentityAssociation:PodIdentityAssociation"}) {
            FREE.put(t, eks);
        }
        String group = "subnet and parameter groups are free";
        for (String t : new String[] {"aws:rds/subnetGroup:SubnetGroup", "aws:rds/parameterGroup:ParameterGroup",
                "aws:elasticache/subnetGroup:SubnetGroup", "aws:elasticache/parameterGroup:ParameterGroup"}) {
            FREE.put(t, group);
        }
        FREE.put("aws:elasticache/user:User", "ElastiCache RBAC users are free");
        FREE.put("aws:elasticache/userGroup:UserGroup", "ElastiCache RBAC user groups are free");
        String s3 = "bucket configuration is free; storage and requests are priced on the bucket";
        for (String t : new String[] {"aws:s3/bucketLifecycleConfigurationV2:BucketLifecycleConfigurationV2", "aws:s3/bucketLoggingV2:BucketLoggingV2",
                "aws:s3/bucketOwnershipControls:BucketOwnershipControls", "aws:s3/bucketPolicy:BucketPolicy",
                "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
                "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
                "aws:s3/bucketVersioningV2:BucketVersioningV2", "aws:s3/bucketNotification:BucketNotification"}) {
            FREE.put(t, s3);
        }
        FREE.put("aws:secretsmanager/secretVersion:SecretVersion", "versions are included in the secret's price");
        FREE.put("aws:sns/topic:Topic", "no charge for a topic; the first million publishes a month are free (AWS SNS pricing)");
        FREE.put("aws:sns/topicSubscription:TopicSubscription", "subscriptions are free; deliveries are usage of the topic");
        FREE.put("aws:sns/topicPolicy:TopicPolicy", "topic policies are free");
        FREE.put("aws:budgets/budget:Budget", "budgets without actions are free (AWS Budgets pricing)");
        FREE.put("aws:costexplorer/anomalyMonitor:AnomalyMonitor", "Cost Anomaly Detection is free (AWS Cost Management pricing)");
        FREE.put("aws:costexplorer/anomalySubscription:AnomalySubscription", "Cost Anomaly Detection is free (AWS Cost Management pricing)");
        FREE.put("aws:cloudwatch/logResourcePolicy:LogResourcePolicy", "resource policies are free");
        FREE.put("aws:wafv2/webAclLoggingConfiguration:WebAclLoggingConfiguration",
                "logging is free at WAF; the logs are billed as ingestion and storage of their log group");
        FREE.put("aws:cloudwatch/eventRule:EventRule", "rules on AWS service events are free (EventBridge pricing)");
        FREE.put("aws:cloudwatch/eventTarget:EventTarget", "targets are free");
        FREE.put("aws:sqs/queuePolicy:QueuePolicy", "queue policies are free; requests are priced on the queue");
        FREE.put("kubernetes:karpenter.k8s.aws/v1:EC2NodeClass", "a node class is free; the nodes it launches are priced on their NodePool");
        FREE.put("kubernetes:helm.sh/v3:Release", "a release is free; its persistent volumes and load balancers are priced (from its rendered objects or values)");
    }

    private FreeTypes() {
    }

    static Optional<String> reason(String type) {
        if (FREE.containsKey(type)) {
            return Optional.of(FREE.get(type));
        }
        if (type.startsWith("kubernetes:")) {
            // Kubernetes objects run on the nodes, which are priced; only the ones that make AWS create
            // something (Ingress: an ALB, PersistentVolumeClaim/StatefulSet: EBS volumes) have rules of their own.
            return Optional.of("a Kubernetes object runs on the priced nodes");
        }
        return Optional.empty();
    }
}
