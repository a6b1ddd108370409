// Every stack policy against a crafted stack that passes and the same stack with one thing broken.
import { T } from "../src/lib/types";
import { StackEntry } from "./harness";
import { clone, CLUSTER, deployment, doc, KMS_KEY, LAUNCH_TEMPLATE, NODE_GROUP, POD_TRUST, PROVIDER, RDS, REDIS, REPLICA } from "./fixtures";

/** A small platform wired like the real one (property dependencies included) that passes every stack policy. */
export function goodStack(): StackEntry[] {
    const zones = ["us-east-1a", "us-east-1b"];
    const s: StackEntry[] = [
        { type: T.awsProvider, name: "aws", props: clone(PROVIDER) },
        { type: T.vpc, name: "vpc", props: { cidrBlock: "10.0.0.0/16" } },
        { type: T.logGroup, name: "flow-logs", props: { name: "/aws/vpc/p/flow-logs", retentionInDays: 365, kmsKeyId: "k" }, deps: { kmsKeyId: ["logs-key"] } },
        { type: T.kmsKey, name: "logs-key", props: clone(KMS_KEY) },
        { type: T.flowLog, name: "flow", props: { trafficType: "ALL", logDestinationType: "cloud-watch-logs" }, deps: { vpcId: ["vpc"], logDestination: ["flow-logs"] } },
        { type: T.defaultSecurityGroup, name: "default-sg", props: {}, deps: { vpcId: ["vpc"] } },
        { type: T.internetGateway, name: "igw", props: {}, deps: { vpcId: ["vpc"] } },
        { type: T.routeTable, name: "rt-public", props: {}, deps: { vpcId: ["vpc"] } },
        { type: T.route, name: "public-igw", props: { destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }, deps: { routeTableId: ["rt-public"], gatewayId: ["igw"] } },
        { type: T.routeTable, name: "rt-database", props: {}, deps: { vpcId: ["vpc"] } },
    ];
    for (const az of zones) {
        s.push(
            { type: T.subnet, name: `public-${az}`, props: { availabilityZone: az, mapPublicIpOnLaunch: false, tags: { Tier: "public" } }, deps: { vpcId: ["vpc"] } },
            { type: T.subnet, name: `private-${az}`, props: { availabilityZone: az, mapPublicIpOnLaunch: false, tags: { Tier: "private" } }, deps: { vpcId: ["vpc"] } },
            { type: T.subnet, name: `database-${az}`, props: { availabilityZone: az, mapPublicIpOnLaunch: false, tags: { Tier: "database" } }, deps: { vpcId: ["vpc"] } },
            { type: T.natGateway, name: `nat-${az}`, props: {}, deps: { subnetId: [`public-${az}`] } },
            { type: T.routeTable, name: `rt-private-${az}`, props: {}, deps: { vpcId: ["vpc"] } },
            { type: T.route, name: `private-${az}-nat`, props: { destinationCidrBlock: "0.0.0.0/0", natGatewayId: "nat-1" }, deps: { routeTableId: [`rt-private-${az}`], natGatewayId: [`nat-${az}`] } },
            { type: T.routeTableAssociation, name: `assoc-public-${az}`, props: {}, deps: { subnetId: [`public-${az}`], routeTableId: ["rt-public"] } },
            { type: T.routeTableAssociation, name: `assoc-private-${az}`, props: {}, deps: { subnetId: [`private-${az}`], routeTableId: [`rt-private-${az}`] } },
            { type: T.routeTableAssociation, name: `assoc-database-${az}`, props: {}, deps: { subnetId: [`database-${az}`], routeTableId: ["rt-database"] } },
        );
    }
    const privates = zones.map((z) => `private-${z}`);
    const databases = zones.map((z) => `database-${z}`);
    s.push(
        { type: T.securityGroup, name: "node-sg", props: { description: "nodes" }, deps: { vpcId: ["vpc"] } },
        { type: T.securityGroup, name: "database-sg", props: { description: "db" }, deps: { vpcId: ["vpc"] } },
        { type: T.securityGroup, name: "cache-sg", props: { description: "cache" }, deps: { vpcId: ["vpc"] } },
        { type: T.ingressRule, name: "database-from-nodes", props: { fromPort: 5432, toPort: 5432, ipProtocol: "tcp", description: "pg" }, deps: { securityGroupId: ["database-sg"], referencedSecurityGroupId: ["node-sg"] } },
        { type: T.ingressRule, name: "cache-from-nodes", props: { fromPort: 6379, toPort: 6379, ipProtocol: "tcp", description: "redis" }, deps: { securityGroupId: ["cache-sg"], referencedSecurityGroupId: ["node-sg"] } },
        { type: T.iamRole, name: "eks-node", props: { assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole", Condition: { StringEquals: { "aws:SourceAccount": "1" } } }) } },
        { type: T.iamRolePolicyAttachment, name: "eks-node-ecr", props: { policyArn: "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPullOnly" }, deps: { role: ["eks-node"] } },
        { type: T.eksCluster, name: "cluster", props: clone(CLUSTER), deps: { "vpcConfig": privates } },
        { type: T.logGroup, name: "control-plane", props: { name: "/aws/eks/platform-production/cluster", retentionInDays: 365, kmsKeyId: "k" }, deps: { kmsKeyId: ["logs-key"] } },
        { type: T.addon, name: "vpc-cni", props: { addonName: "vpc-cni", addonVersion: "v1.22.4-eksbuild.3", configurationValues: JSON.stringify({ enableNetworkPolicy: "true" }) } },
        { type: T.iamRole, name: "vpc-cni-role", props: { assumeRolePolicy: POD_TRUST.replace(/feature-api/g, "X").replace('"X","aws:RequestTag/kubernetes-service-account":"X"', '"kube-system","aws:RequestTag/kubernetes-service-account":"aws-node"') } },
        { type: T.podIdentity, name: "vpc-cni-pia", props: { namespace: "kube-system", serviceAccount: "aws-node" }, deps: { roleArn: ["vpc-cni-role"] } },
        { type: T.iamRole, name: "feature-api-role", props: { assumeRolePolicy: POD_TRUST } },
        { type: T.podIdentity, name: "feature-api-pia", props: { namespace: "feature-api", serviceAccount: "feature-api" }, deps: { roleArn: ["feature-api-role"] } },
        { type: T.launchTemplate, name: "app-nodes-lt", props: clone(LAUNCH_TEMPLATE), deps: { networkInterfaces: ["node-sg"] } },
        { type: T.nodeGroup, name: "app-nodes", props: clone(NODE_GROUP), deps: { launchTemplate: ["app-nodes-lt"], subnetIds: privates, nodeRoleArn: ["eks-node"] } },
        { type: T.rdsSubnetGroup, name: "postgres-subnets", props: { name: "platform-production-postgres" }, deps: { subnetIds: databases } },
        { type: T.rdsParameterGroup, name: "postgres-params", props: { name: "platform-production-postgres17", parameters: [{ name: "rds.force_ssl", value: "1" }, { name: "log_connections", value: "1" }, { name: "log_min_duration_statement", value: "1000" }] } },
        { type: T.kmsKey, name: "rds-key", props: clone(KMS_KEY) },
        { type: T.rdsInstance, name: "postgres", props: clone(RDS), deps: { dbSubnetGroupName: ["postgres-subnets"], parameterGroupName: ["postgres-params"], vpcSecurityGroupIds: ["database-sg"], kmsKeyId: ["rds-key"] } },
        { type: T.rdsInstance, name: "postgres-replica", props: clone(REPLICA), deps: { replicateSourceDb: ["postgres"], dbSubnetGroupName: ["postgres-subnets"], parameterGroupName: ["postgres-params"], vpcSecurityGroupIds: ["database-sg"] } },
        { type: T.cacheSubnetGroup, name: "redis-subnets", props: { name: "platform-production-redis" }, deps: { subnetIds: databases } },
        { type: T.cacheReplicationGroup, name: "redis", props: clone(REDIS), deps: { subnetGroupName: ["redis-subnets"], securityGroupIds: ["cache-sg"] } },
        { type: T.bucketV2, name: "backups", props: { bucket: "platform-production-backups-1" } },
        { type: T.bucketV2, name: "access-logs", props: { bucket: "platform-production-access-logs-1" } },
        { type: T.bucketReplication, name: "backups-replication", props: {}, deps: { bucket: ["backups"] } },
    );
    for (const b of ["backups", "access-logs"]) {
        const kms = b === "backups";
        s.push(
            { type: T.bucketSse, name: `${b}-sse`, props: { rules: [{ applyServerSideEncryptionByDefault: kms ? { sseAlgorithm: "aws:kms", kmsMasterKeyId: "k" } : { sseAlgorithm: "AES256" }, bucketKeyEnabled: kms }] }, deps: { bucket: [b] } },
            { type: T.bucketVersioning, name: `${b}-versioning`, props: { versioningConfiguration: { status: "Enabled" } }, deps: { bucket: [b] } },
            { type: T.bucketPublicAccessBlock, name: `${b}-pab`, props: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true }, deps: { bucket: [b] } },
            { type: T.bucketOwnership, name: `${b}-ownership`, props: { rule: { objectOwnership: "BucketOwnerEnforced" } }, deps: { bucket: [b] } },
            { type: T.bucketPolicy, name: `${b}-policy`, props: { policy: doc({ Effect: "Deny", Principal: { AWS: "*" }, Action: "s3:*", Resource: "*", Condition: { Bool: { "aws:SecureTransport": "false" } } }) }, deps: { bucket: [b] } },
            { type: T.bucketLifecycle, name: `${b}-lifecycle`, props: { rules: [{ status: "Enabled", abortIncompleteMultipartUpload: { daysAfterInitiation: 7 }, noncurrentVersionExpiration: { noncurrentDays: 30 } }] }, deps: { bucket: [b] } },
        );
    }
    s.push(
        { type: T.bucketLogging, name: "backups-logging", props: {}, deps: { bucket: ["backups"], targetBucket: ["access-logs"] } },
        // As the chart renders it under an HPA: no replicas, the HPA's minReplicas is the floor.
        { type: T.deployment, name: "feature-api", props: deployment((_s, d) => { delete d.spec.replicas; }) },
        { type: T.pdb, name: "feature-api", props: { metadata: { name: "feature-api", namespace: "feature-api" }, spec: { maxUnavailable: 1, selector: { matchLabels: { "app.kubernetes.io/name": "feature-api" } } } } },
        { type: T.networkPolicy, name: "feature-api", props: { metadata: { name: "feature-api", namespace: "feature-api" }, spec: { podSelector: { matchLabels: { "app.kubernetes.io/name": "feature-api" } } } } },
        { type: T.hpa, name: "feature-api", props: { metadata: { name: "feature-api", namespace: "feature-api" }, spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "feature-api" }, minReplicas: 2, maxReplicas: 6 } } },
    );
    // The internet-facing ALB of the app (a rendered Ingress under its release) behind the stack's logged web ACL.
    const managed = ["AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesCommonRuleSet", "AWSManagedRulesSQLiRuleSet"];
    s.push(
        { type: T.webAcl, name: "web-acl", props: { scope: "REGIONAL", defaultAction: { allow: {} }, rules: [
            { name: "rate-limit-per-ip", priority: 0, action: { block: {} }, statement: { rateBasedStatement: { aggregateKeyType: "IP", limit: 2000 } } },
            ...managed.map((name, i) => ({ name, priority: i + 1, overrideAction: { none: {} }, statement: { managedRuleGroupStatement: { vendorName: "AWS", name } } })),
        ] } },
        { type: T.logGroup, name: "web-acl-logs", props: { name: "aws-waf-logs-p", retentionInDays: 90, kmsKeyId: "k" }, deps: { kmsKeyId: ["logs-key"] } },
        { type: T.webAclLogging, name: "web-acl-logging", props: {}, deps: { resourceArn: ["web-acl"], logDestinationConfigs: ["web-acl-logs"] } },
        { type: T.helmRelease, name: "feature-api-release", props: { chart: "./charts/feature-api" }, deps: { values: ["web-acl"] } },
        { type: T.ingress, name: "feature-api/feature-api", parent: "feature-api-release", props: { metadata: { name: "feature-api", namespace: "feature-api",
            annotations: { "alb.ingress.kubernetes.io/scheme": "internet-facing", "alb.ingress.kubernetes.io/wafv2-acl-arn": "arn:aws:wafv2:us-east-1:1:regional/webacl/p-api/0" } },
            spec: { ingressClassName: "alb" } } },
    );
    // A perAz family of one node each per zone: two nodes and two zones in all, which passes.
    perAzFamily(s, 1);
    return s;
}

type Edit = (s: StackEntry[]) => void;
const find = (s: StackEntry[], type: string, name: string) => {
    const e = s.find((x) => x.type === type && x.name === name);
    if (!e) throw new Error(`no ${type} ${name}`);
    return e;
};
const remove = (s: StackEntry[], type: string, name: string) => { s.splice(s.indexOf(find(s, type, name)), 1); };
/** Replaces the stack's perAz family monitoring-nodes (tag PerAzGroup) by one group per zone, each keeping minEach nodes. */
const perAzFamily = (s: StackEntry[], minEach: number, zones = ["us-east-1a", "us-east-1b"]) => {
    for (const e of s.filter((x) => x.type === T.nodeGroup && x.props.tags?.PerAzGroup === "monitoring-nodes")) s.splice(s.indexOf(e), 1);
    for (const az of zones) {
        s.push({ type: T.nodeGroup, name: `monitoring-nodes-${az}`,
            props: { ...clone(NODE_GROUP), scalingConfig: { minSize: minEach, desiredSize: minEach, maxSize: 2 }, tags: { Name: `platform-production-monitoring-nodes-${az}`, PerAzGroup: "monitoring-nodes" } },
            deps: { launchTemplate: ["app-nodes-lt"], subnetIds: [`private-${az}`], nodeRoleArn: ["eks-node"] } });
    }
};

export interface StackCase { policy: string; edit: Edit; message: RegExp; config?: Record<string, any>; goodConfig?: Record<string, any>; }

const ingressAnnotations = (s: StackEntry[]) => find(s, T.ingress, "feature-api/feature-api").props.metadata.annotations;

export const cases: StackCase[] = [
    { policy: "alb-internet-facing-web-acl", edit: (s) => { ingressAnnotations(s)["alb.ingress.kubernetes.io/wafv2-acl-arn"] = "none"; },
        message: /^Ingress feature-api\/feature-api: internet-facing ALB without a WAF web ACL \(alb.ingress.kubernetes.io\/wafv2-acl-arn is "none"\)/ },
    { policy: "alb-internet-facing-web-acl", edit: (s) => { delete ingressAnnotations(s)["alb.ingress.kubernetes.io/wafv2-acl-arn"]; },
        message: /wafv2-acl-arn is absent\): turn on platform:edge.webAcl/ },
    { policy: "alb-internet-facing-web-acl", edit: (s) => { delete find(s, T.helmRelease, "feature-api-release").deps; },
        message: /arn:aws:wafv2:us-east-1:1:regional\/webacl\/p-api\/0 is no web ACL of this stack/ },
    { policy: "alb-internet-facing-web-acl", edit: (s) => { find(s, T.webAcl, "web-acl").props.rules[4].overrideAction = { count: {} }; },
        message: /^web ACL web-acl does not block with AWSManagedRulesSQLiRuleSet: add the managed rule group/ },
    { policy: "alb-internet-facing-web-acl", edit: (s) => { find(s, T.webAcl, "web-acl").props.rules.splice(0, 1); },
        message: /^web ACL web-acl has no blocking rate-based rule/ },
    { policy: "alb-internet-facing-web-acl", edit: (s) => remove(s, T.webAclLogging, "web-acl-logging"),
        message: /^web ACL web-acl has no logging configuration/ },
    { policy: "alb-internet-facing-web-acl", edit: (s) => { find(s, T.webAcl, "web-acl").props.scope = "CLOUDFRONT"; },
        message: /^web ACL web-acl: scope CLOUDFRONT: an ALB takes a REGIONAL web ACL only/ },
    { policy: "vpc-flow-logs-enabled", edit: (s) => remove(s, T.flowLog, "flow"), message: /VPC vpc has no flow log/ },
    { policy: "vpc-default-security-group-managed", edit: (s) => remove(s, T.defaultSecurityGroup, "default-sg"), message: /VPC vpc: its default security group keeps AWS's allow-all/ },
    { policy: "private-routes-through-nat", edit: (s) => { const r = find(s, T.route, "private-us-east-1a-nat"); r.props = { destinationCidrBlock: "0.0.0.0/0", gatewayId: "igw-1" }; r.deps = { routeTableId: ["rt-private-us-east-1a"], gatewayId: ["igw"] }; }, message: /route private-us-east-1a-nat sends 0.0.0.0\/0 to an internet gateway from a table of non-public subnet\(s\) private-us-east-1a/ },
    { policy: "nacl-attached", edit: (s) => s.push({ type: T.networkAcl, name: "spare", props: {} }), message: /network ACL spare is attached to no subnet/ },
    { policy: "nat-gateway-per-az", edit: (s) => { remove(s, T.natGateway, "nat-us-east-1b"); find(s, T.route, "private-us-east-1b-nat").deps!.natGatewayId = ["nat-us-east-1a"]; }, message: /1 NAT gateway\(s\) for private subnets in 2 availability zones/ },
    { policy: "single-nat-outside-production", edit: () => undefined, config: { maxNatGateways: 1 }, goodConfig: { maxNatGateways: 2 }, message: /2 NAT gateways where 1 would do/ },
    { policy: "database-subnets-no-internet-route", edit: (s) => s.push({ type: T.route, name: "database-nat", props: { destinationCidrBlock: "0.0.0.0/0" }, deps: { routeTableId: ["rt-database"], natGatewayId: ["nat-us-east-1a"] } }), message: /database subnet database-us-east-1a has a default route \(database-nat\)/ },
    { policy: "sg-attached", edit: (s) => s.push({ type: T.securityGroup, name: "orphan", props: { description: "x" }, deps: { vpcId: ["vpc"] } }), message: /security group orphan is attached to nothing/ },
    { policy: "sg-no-rule-management-conflicts", edit: (s) => { find(s, T.securityGroup, "database-sg").props.ingress = [{ protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["10.0.0.0/16"] }]; }, message: /security group database-sg has inline rules and 1 separate rule resource\(s\) \(database-from-nodes\)/ },
    { policy: "iam-no-policy-management-conflicts", edit: (s) => { find(s, T.iamRole, "eks-node").props.managedPolicyArns = ["arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy"]; }, message: /role eks-node has managedPolicyArns and separate RolePolicyAttachment resources \(eks-node-ecr\)/ },
    { policy: "pod-identity-trust-scoped", edit: (s) => { find(s, T.iamRole, "feature-api-role").props.assumeRolePolicy = POD_TRUST.replace('"aws:RequestTag/kubernetes-namespace":"feature-api",', ""); }, message: /role feature-api-role \(Pod Identity feature-api\/feature-api\): namespace condition \[\] instead of "feature-api"/ },
    { policy: "kms-keys-in-use-rotated", edit: (s) => { find(s, T.kmsKey, "rds-key").props.enableKeyRotation = false; }, message: /key rds-key encrypts postgres but does not rotate/ },
    { policy: "eks-network-policy-enforced", edit: (s) => { find(s, T.addon, "vpc-cni").props.configurationValues = "{}"; }, message: /cluster cluster: NetworkPolicies are not enforced/ },
    { policy: "eks-vpc-cni-own-role", edit: (s) => remove(s, T.podIdentity, "vpc-cni-pia"), message: /aws-node has no role of its own/ },
    { policy: "eks-nodes-private", edit: (s) => { find(s, T.nodeGroup, "app-nodes").deps!.subnetIds = ["public-us-east-1a", "public-us-east-1b"]; }, message: /node group app-nodes runs in public subnet\(s\) public-us-east-1a, public-us-east-1b/ },
    { policy: "eks-node-registry-read-only", edit: (s) => { find(s, T.iamRolePolicyAttachment, "eks-node-ecr").props.policyArn = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser"; }, message: /node role eks-node has AmazonEC2ContainerRegistryPowerUser/ },
    { policy: "nodegroup-multi-az", edit: (s) => { find(s, T.nodeGroup, "app-nodes").deps!.subnetIds = ["private-us-east-1a"]; }, message: /node group app-nodes spans 1 availability zone\(s\)/ },
    { policy: "nodegroup-min-size", edit: (s) => { find(s, T.nodeGroup, "app-nodes").props.scalingConfig = { minSize: 1, desiredSize: 1, maxSize: 3 }; }, message: /minSize is 1: this environment needs at least 2 nodes/ },
    { policy: "nodegroup-min-size", edit: (s) => { perAzFamily(s, 0); }, message: /the perAz node groups of monitoring-nodes keep 0 node\(s\) at minimum in all: this environment needs at least 2 nodes/ },
    { policy: "nodegroup-multi-az", edit: (s) => { perAzFamily(s, 1); find(s, T.nodeGroup, "monitoring-nodes-us-east-1b").deps!.subnetIds = ["private-us-east-1a"]; }, message: /the perAz node groups of monitoring-nodes span 1 availability zone\(s\) in all/ },
    { policy: "rds-replica-source-encrypted", edit: (s) => { delete find(s, T.rdsInstance, "postgres").props.kmsKeyId; }, message: /read replica postgres-replica copies postgres, which is not encrypted with a customer-managed key/ },
    { policy: "rds-replica-source-encrypted", edit: (s) => { find(s, T.rdsInstance, "postgres-replica").deps!.replicateSourceDb = []; }, message: /read replica postgres-replica copies arn:aws:rds:us-east-1:222222222222:db:platform-production-postgres, which is not an instance of this stack/ },
    { policy: "rds-replica-source-encrypted", edit: (s) => { find(s, T.rdsInstance, "postgres-replica").props.kmsKeyId = "arn:aws:kms:us-east-1:222222222222:key/other"; }, message: /read replica postgres-replica names kmsKeyId arn:aws:kms:us-east-1:222222222222:key\/other/ },
    { policy: "rds-parameter-group-hardened", edit: (s) => { find(s, T.rdsParameterGroup, "postgres-params").props.parameters = [{ name: "log_connections", value: "1" }]; }, message: /parameter group postgres-params of database postgres lacks rds.force_ssl=1, log_min_duration_statement/ },
    { policy: "data-in-database-subnets", edit: (s) => { find(s, T.rdsSubnetGroup, "postgres-subnets").deps!.subnetIds = ["private-us-east-1a", "database-us-east-1b"]; }, message: /subnet group postgres-subnets \(of postgres, postgres-replica\) includes private-us-east-1a, which is a private subnet/ },
    { policy: "data-reachable-only-from-nodes", edit: (s) => s.push({ type: T.ingressRule, name: "database-from-vpc", props: { cidrIpv4: "10.0.0.0/16", fromPort: 5432, toPort: 5432, ipProtocol: "tcp" }, deps: { securityGroupId: ["database-sg"] } }), message: /rule database-from-vpc admits 10.0.0.0\/16 to postgres: only the node group's security group may connect/ },
    { policy: "s3-encryption", edit: (s) => remove(s, T.bucketSse, "backups-sse"), message: /bucket platform-production-backups-1: no BucketServerSideEncryptionConfigurationV2/ },
    { policy: "s3-encryption-kms-cmk", edit: (s) => { find(s, T.bucketSse, "backups-sse").props.rules[0].applyServerSideEncryptionByDefault = { sseAlgorithm: "AES256" }; }, message: /default encryption is AES256 without kmsMasterKeyId/ },
    { policy: "s3-bucket-key", edit: (s) => { find(s, T.bucketSse, "backups-sse").props.rules[0].bucketKeyEnabled = false; }, message: /SSE-KMS without bucketKeyEnabled/ },
    { policy: "s3-public-access-block", edit: (s) => { find(s, T.bucketPublicAccessBlock, "backups-pab").props.restrictPublicBuckets = false; }, message: /public access block leaves restrictPublicBuckets off/ },
    { policy: "s3-ownership-enforced", edit: (s) => remove(s, T.bucketOwnership, "backups-ownership"), message: /ACLs are not disabled/ },
    { policy: "s3-deny-insecure-transport", edit: (s) => remove(s, T.bucketPolicy, "backups-policy"), message: /no bucket policy statement denies plain HTTP/ },
    { policy: "s3-access-logging", edit: (s) => remove(s, T.bucketLogging, "backups-logging"), message: /bucket platform-production-backups-1: no BucketLoggingV2/ },
    { policy: "s3-versioning", edit: (s) => { find(s, T.bucketVersioning, "backups-versioning").props.versioningConfiguration.status = "Suspended"; }, message: /bucket platform-production-backups-1: versioning is not Enabled/ },
    { policy: "s3-replication", edit: (s) => remove(s, T.bucketReplication, "backups-replication"), message: /backups are not replicated to another region/ },
    { policy: "s3-lifecycle", edit: (s) => remove(s, T.bucketLifecycle, "backups-lifecycle"), message: /no lifecycle configuration/ },
    { policy: "s3-abort-multipart", edit: (s) => { delete find(s, T.bucketLifecycle, "backups-lifecycle").props.rules[0].abortIncompleteMultipartUpload; }, message: /no lifecycle rule aborts incomplete multipart uploads/ },
    { policy: "s3-noncurrent-expiry", edit: (s) => { delete find(s, T.bucketLifecycle, "backups-lifecycle").props.rules[0].noncurrentVersionExpiration; }, message: /noncurrent versions never expire/ },
    { policy: "s3-dns-compliant-name", edit: (s) => { find(s, T.bucketV2, "backups").props.bucket = "Platform.Backups"; }, message: /name "Platform.Backups" is not DNS-compliant/ },
    { policy: "log-groups-for-services", edit: (s) => remove(s, T.logGroup, "control-plane"), message: /cluster cluster logs to \/aws\/eks\/platform-production\/cluster, which EKS would create/ },
    { policy: "stack-has-cost-tags", edit: (s) => { find(s, T.awsProvider, "aws").props.defaultTags = JSON.stringify({ tags: { Environment: "production" } }); }, message: /AWS provider aws has no default tag\(s\) Owner, CostCenter/ },
    { policy: "k8s-not-default-namespace", edit: (s) => { delete find(s, T.deployment, "feature-api").props.metadata.namespace; }, message: /Deployment feature-api runs in the default namespace/ },
    { policy: "k8s-pdb-per-workload", edit: (s) => { find(s, T.pdb, "feature-api").props.spec = { minAvailable: 3, selector: { matchLabels: { "app.kubernetes.io/name": "feature-api" } } }; }, message: /PodDisruptionBudget feature-api allows no disruption of Deployment feature-api\/feature-api/ },
    { policy: "k8s-pdb-per-workload", edit: (s) => { find(s, T.pdb, "feature-api").props.spec = { minAvailable: 2, selector: { matchLabels: { "app.kubernetes.io/name": "feature-api" } } }; }, message: /PodDisruptionBudget feature-api allows no disruption of Deployment feature-api\/feature-api/ },
    { policy: "k8s-min-replicas", edit: (s) => { find(s, T.hpa, "feature-api").props.spec.minReplicas = 1; }, message: /^Deployment feature-api\/feature-api: its HorizontalPodAutoscaler feature-api keeps minReplicas 1: this environment needs at least 2$/ },
    { policy: "k8s-min-replicas", edit: (s) => { delete find(s, T.hpa, "feature-api").props.spec.minReplicas; }, message: /^Deployment feature-api\/feature-api: its HorizontalPodAutoscaler feature-api sets no minReplicas \(default 1\): this environment needs at least 2$/ },
    // An HPA of another namespace, or of a StatefulSet of the same name, does not own the Deployment.
    { policy: "k8s-min-replicas", edit: (s) => { find(s, T.hpa, "feature-api").props.metadata.namespace = "other"; }, message: /^Deployment feature-api\/feature-api: it sets no replicas \(default 1\) and no HorizontalPodAutoscaler targets it: this environment needs at least 2$/ },
    { policy: "k8s-min-replicas", edit: (s) => { find(s, T.hpa, "feature-api").props.spec.scaleTargetRef.kind = "StatefulSet"; }, message: /^Deployment feature-api\/feature-api: it sets no replicas \(default 1\)/ },
    { policy: "k8s-min-replicas", edit: (s) => { remove(s, T.hpa, "feature-api"); find(s, T.deployment, "feature-api").props.spec.replicas = 1; }, message: /^Deployment feature-api\/feature-api: replicas is 1: this environment needs at least 2$/ },
    // The HPA owns the count: a rendered replicas of 3 does not hide a floor of 1.
    { policy: "k8s-min-replicas", edit: (s) => { find(s, T.hpa, "feature-api").props.spec.minReplicas = 1; find(s, T.deployment, "feature-api").props.spec.replicas = 3; }, message: /keeps minReplicas 1: this environment needs at least 2$/ },
    { policy: "k8s-network-policy-per-workload", edit: (s) => remove(s, T.networkPolicy, "feature-api"), message: /Deployment feature-api\/feature-api is selected by no NetworkPolicy/ },
    { policy: "k8s-network-policy-per-job", edit: (s) => s.push({ type: T.job, name: "migrations", props: { kind: "Job", metadata: { name: "migrations", namespace: "feature-api" }, spec: { template: { metadata: { labels: { "app.kubernetes.io/name": "migrations" } }, spec: {} } } } }), message: /Job feature-api\/migrations is selected by no NetworkPolicy/ },
    { policy: "k8s-hpa-present", edit: (s) => { remove(s, T.hpa, "feature-api"); find(s, T.deployment, "feature-api").props.spec.replicas = 3; }, message: /Deployment feature-api has no HorizontalPodAutoscaler/ },
];

