// Every resource policy against one resource that passes and one that fails, checking the message.
import { T } from "../src/lib/types";
import { Options } from "./harness";
import { CLUSTER, clone, container, deployment, doc, KMS_KEY, LAUNCH_TEMPLATE, NODE_GROUP, POD_TRUST, PROVIDER, RDS, REDIS, REPLICA } from "./fixtures";

export interface Case {
    policy: string;
    type: string;
    good: Record<string, any>;
    bad: Record<string, any>;
    message: RegExp;
    goodType?: string;
    badType?: string;
    goodOptions?: Options;
    badOptions?: Options;
}

const with_ = (base: any, patch: any) => ({ ...clone(base), ...patch });
// as AuditTrail registers it
const TRAIL = { name: "p-audit", s3BucketName: "p-audit-logs", kmsKeyId: "arn:aws:kms:us-east-1:1:key/a", isMultiRegionTrail: true, includeGlobalServiceEvents: true, enableLogFileValidation: true, enableLogging: true };
const rule = (patch: any) => ({ description: "HTTPS from the internet", fromPort: 443, toPort: 443, ipProtocol: "tcp", cidrIpv4: "10.0.0.0/16", securityGroupId: "sg-1", ...patch });
const rolePolicy = (...statements: any[]) => ({ role: "r", policy: doc(...statements) });
const allow = (Action: any, Resource: any = "arn:aws:s3:::bucket/*", extra: any = {}) => ({ Effect: "Allow", Action, Resource, ...extra });
const bucketPolicy = (...statements: any[]) => ({ bucket: "b", policy: doc(...statements) });
const release = (patch: any) => ({ chart: "kube-prometheus-stack", version: "88.5.3", namespace: "monitoring", atomic: true, repositoryOpts: { repo: "https://prometheus-community.github.io/helm-charts" }, values: {}, ...patch });
// as SpotPool registers it (karpenter.sh/v1 NodePool)
const nodePool = (capacity: string[]) => ({ apiVersion: "karpenter.sh/v1", kind: "NodePool", metadata: { name: "spot" }, spec: { template: { spec: { requirements: [{ key: "karpenter.sh/capacity-type", operator: "In", values: capacity }, { key: "node.kubernetes.io/instance-type", operator: "In", values: ["m5.large"] }] } }, limits: { cpu: "16" } } });
const role = (patch: any) => ({ apiVersion: "rbac.authorization.k8s.io/v1", kind: "Role", rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"] }], ...patch });

export const cases: Case[] = [
    // network
    { policy: "no-default-vpc", type: T.defaultVpc, goodType: T.vpc, good: { cidrBlock: "10.0.0.0/16" }, bad: {}, message: /default VPC is managed by this program/ },
    { policy: "default-security-group-restricts-all", type: T.defaultSecurityGroup, good: { vpcId: "vpc-1" }, bad: { vpcId: "vpc-1", ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }] }, message: /has 1 rule\(s\): remove every ingress and egress rule/ },
    { policy: "subnet-no-public-ip-on-launch", type: T.subnet, good: { mapPublicIpOnLaunch: false }, bad: { mapPublicIpOnLaunch: true }, message: /mapPublicIpOnLaunch is true/ },
    { policy: "peering-routes-least-access", type: T.route, good: { destinationCidrBlock: "10.1.0.0/16", vpcPeeringConnectionId: "pcx-1" }, bad: { destinationCidrBlock: "0.0.0.0/0", vpcPeeringConnectionId: "pcx-1" }, message: /every address to a VPC peering connection/ },
    { policy: "nacl-no-admin-ports-from-internet", type: T.networkAclRule, good: { ruleAction: "allow", protocol: "tcp", fromPort: 443, toPort: 443, cidrBlock: "0.0.0.0/0", egress: false }, bad: { ruleAction: "allow", protocol: "tcp", fromPort: 22, toPort: 22, cidrBlock: "0.0.0.0/0", egress: false }, message: /allows port 22 from the internet/ },
    { policy: "nacl-no-all-ports", type: T.networkAclRule, good: { ruleAction: "allow", protocol: "tcp", fromPort: 443, toPort: 443, ruleNumber: 100 }, bad: { ruleAction: "allow", protocol: "-1", fromPort: 0, toPort: 0, ruleNumber: 100 }, message: /rule 100 allows all ports/ },
    // security groups
    { policy: "sg-no-admin-ports-from-internet", type: T.ingressRule, good: rule({ cidrIpv4: "0.0.0.0/0" }), bad: rule({ fromPort: 22, toPort: 22, cidrIpv4: "0.0.0.0/0" }), message: /opens port 22 to the internet/ },
    { policy: "sg-no-all-ports-from-internet", type: T.securityGroup, good: { description: "x", ingress: [{ protocol: "tcp", fromPort: 443, toPort: 443, cidrBlocks: ["0.0.0.0/0"] }] }, bad: { description: "x", ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }] }, message: /ingress of all traffic from the internet/ },
    { policy: "sg-no-http-from-internet", type: T.ingressRule, good: rule({ fromPort: 80, toPort: 80, cidrIpv4: "0.0.0.0/0" }), goodOptions: { name: "alb-http" }, bad: rule({ fromPort: 80, toPort: 80, cidrIpv4: "0.0.0.0/0" }), badOptions: { name: "node-http" }, message: /port 80 from the internet outside the load balancer's group/ },
    { policy: "sg-no-public-ingress", type: T.ingressRule, good: rule({ cidrIpv4: "0.0.0.0/0" }), goodOptions: { name: "alb-https" }, bad: rule({ fromPort: 6379, toPort: 6379, cidrIpv6: "::/0", cidrIpv4: undefined }), badOptions: { name: "cache-open" }, message: /ingress tcp 6379 from ::\/0: only the load balancer's group/ },
    { policy: "sg-no-unrestricted-egress", type: T.egressRule, good: rule({ cidrIpv4: "0.0.0.0/0" }), bad: rule({ ipProtocol: "-1", fromPort: undefined, toPort: undefined, cidrIpv4: "0.0.0.0/0" }), message: /egress of all traffic to 0.0.0.0\/0/ },
    { policy: "sg-internet-egress-https-only", type: T.egressRule, good: rule({ cidrIpv4: "0.0.0.0/0" }), bad: rule({ fromPort: 80, toPort: 80, cidrIpv4: "0.0.0.0/0" }), message: /egress tcp 80 to the internet: only 443/ },
    { policy: "sg-descriptions", type: T.ingressRule, good: rule({}), bad: rule({ description: undefined }), message: /ingress rule \(tcp 443\) has no description/ },
    // iam
    { policy: "iam-no-admin-policy", type: T.iamRolePolicy, good: rolePolicy(allow("s3:GetObject")), bad: rolePolicy(allow("*", "*")), message: /statement 1 allows "\*" on "\*"/ },
    { policy: "iam-no-wildcard-action", type: T.iamRolePolicy, good: rolePolicy(allow(["s3:GetObject"])), bad: rolePolicy(allow("s3:*")), message: /allows s3:\*: list the actions/ },
    { policy: "iam-no-wildcard-resource", type: T.iamRolePolicy, good: rolePolicy(allow(["ec2:DescribeInstances", "ecr:GetAuthorizationToken", "route53:ListHostedZones"], "*")), bad: rolePolicy(allow(["sqs:SendMessage"], "*", { Sid: "Send" })), message: /statement "Send" grants sqs:SendMessage on "\*" without a condition/ },
    { policy: "iam-no-wildcard-resource", type: T.iamRolePolicy, good: rolePolicy(allow(["route53:ListHostedZones"], "*")), bad: rolePolicy(allow(["route53:ListHostedZones", "route53:ChangeResourceRecordSets"], "*", { Sid: "Dns" })), message: /statement "Dns" grants route53:ChangeResourceRecordSets on "\*" without a condition/ },
    { policy: "iam-no-administrator-access", type: T.iamRolePolicyAttachment, good: { role: "r", policyArn: "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy" }, bad: { role: "r", policyArn: "arn:aws:iam::aws:policy/AdministratorAccess" }, message: /AdministratorAccess is attached/ },
    { policy: "iam-no-privilege-escalation", type: T.iamRolePolicy, good: rolePolicy(allow("iam:AttachRolePolicy", "arn:aws:iam::1:role/x")), bad: rolePolicy(allow("iam:Attach*", "*")), message: /allows iam:Attach\* on every resource \(privilege escalation\)/ },
    { policy: "iam-no-credentials-exposure", type: T.iamRolePolicy, good: rolePolicy(allow("ecr:GetAuthorizationToken", "*")), bad: rolePolicy(allow("iam:CreateAccessKey", "*")), message: /iam:CreateAccessKey on every resource \(credentials exposure\)/ },
    { policy: "iam-no-data-exfiltration", type: T.iamRolePolicy, good: rolePolicy(allow("secretsmanager:GetSecretValue", "arn:aws:secretsmanager:us-east-1:1:secret:x")), bad: rolePolicy(allow("secretsmanager:GetSecretValue", "*")), message: /data exfiltration/ },
    { policy: "iam-no-permissions-management", type: T.iamRolePolicy, good: rolePolicy(allow("kms:CreateGrant", "arn:aws:kms:us-east-1:1:key/k")), bad: rolePolicy(allow("kms:CreateGrant", "*")), message: /unconstrained permissions management/ },
    { policy: "iam-no-unconstrained-write", type: T.iamRolePolicy, good: rolePolicy(allow("s3:PutObject")), bad: rolePolicy(allow("s3:PutObject", "*")), message: /unconstrained write/ },
    { policy: "iam-passrole-scoped", type: T.iamRolePolicy, good: rolePolicy(allow("iam:PassRole", "arn:aws:iam::1:role/node")), bad: rolePolicy(allow("iam:PassRole", "arn:aws:iam::1:role/*")), message: /iam:PassRole on any role/ },
    { policy: "iam-trust-specific-principals", type: T.iamRole, good: { assumeRolePolicy: POD_TRUST }, bad: { assumeRolePolicy: doc({ Effect: "Allow", Principal: { Service: "s3.amazonaws.com" }, Action: "sts:AssumeRole" }) }, message: /s3.amazonaws.com assume the role for any account \(confused deputy\)/ },
    { policy: "iam-oidc-trust-scoped", type: T.iamRole, good: { assumeRolePolicy: doc({ Effect: "Allow", Principal: { Federated: "arn:aws:iam::1:oidc-provider/oidc.eks" }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "oidc.eks:sub": "system:serviceaccount:a:b", "oidc.eks:aud": "sts.amazonaws.com" } } }) }, bad: { assumeRolePolicy: doc({ Effect: "Allow", Principal: { Federated: "arn:aws:iam::1:oidc-provider/oidc.eks" }, Action: "sts:AssumeRoleWithWebIdentity", Condition: { StringEquals: { "oidc.eks:aud": "sts.amazonaws.com" } } }) }, message: /lacks :sub conditions/ },
    { policy: "iam-no-user-policies", type: T.iamUserPolicyAttachment, goodType: T.iamRolePolicyAttachment, good: { role: "r", policyArn: "arn:x" }, bad: { user: "u", policyArn: "arn:x" }, message: /policy is attached to an IAM user/ },
    // audit trail
    { policy: "cloudtrail-log-file-validation", type: T.trail, good: TRAIL, bad: with_(TRAIL, { enableLogFileValidation: false }), message: /enableLogFileValidation is off/ },
    { policy: "cloudtrail-multi-region", type: T.trail, good: TRAIL, bad: with_(TRAIL, { isMultiRegionTrail: false }), message: /isMultiRegionTrail is off: API calls in other regions/ },
    { policy: "cloudtrail-encrypted", type: T.trail, good: TRAIL, bad: with_(TRAIL, { kmsKeyId: undefined }), message: /no kmsKeyId: log files are encrypted only with S3-managed keys/ },
    // alerting, cost and services added since the first pack
    { policy: "sns-topic-encrypted", type: T.snsTopic, good: { name: "alerts", kmsMasterKeyId: "arn:aws:kms:us-east-1:1:key/a" }, bad: { name: "alerts", kmsMasterKeyId: "alias/aws/sns" }, message: /AWS-managed alias\/aws\/sns: alarms cannot publish/ },
    { policy: "sns-topic-policy-scoped", type: T.snsTopicPolicy, good: { arn: "arn:t", policy: doc({ Sid: "Alarms", Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" }, Action: "sns:Publish", Resource: "arn:t", Condition: { StringEquals: { "aws:SourceAccount": "1" } } }) }, bad: { arn: "arn:t", policy: doc({ Sid: "Alarms", Effect: "Allow", Principal: { Service: "cloudwatch.amazonaws.com" }, Action: "sns:Publish", Resource: "arn:t" }) }, message: /statement "Alarms" lets cloudwatch.amazonaws.com publish for any account/ },
    { policy: "alarm-notifies", type: T.metricAlarm, good: { name: "cpu", alarmActions: ["arn:t"] }, bad: { name: "cpu", alarmActions: [] }, message: /alarm cpu has no enabled alarmActions/ },
    { policy: "cost-alerts-have-subscribers", type: T.budget, good: { notifications: [{ notificationType: "ACTUAL", threshold: 80, subscriberSnsTopicArns: ["arn:t"] }] }, bad: { notifications: [{ notificationType: "ACTUAL", threshold: 80, subscriberSnsTopicArns: [] }] }, message: /notification 1 \(ACTUAL > 80\) has no subscriber/ },
    { policy: "vpc-endpoint-policy-scoped", type: T.vpcEndpoint, good: { serviceName: "com.amazonaws.us-east-1.s3", policy: doc({ Effect: "Allow", Principal: "*", Action: "*", Resource: "*", Condition: { StringEquals: { "aws:PrincipalAccount": "1" } } }) }, bad: { serviceName: "com.amazonaws.us-east-1.s3", policy: doc({ Effect: "Allow", Principal: "*", Action: "*", Resource: "*" }) }, message: /allows every action to anyone through the endpoint/ },
    { policy: "elasticache-users-authenticated", type: T.cacheUser, good: { userName: "default", accessString: "off -@all", noPasswordRequired: true }, bad: { userName: "default", accessString: "on ~* +@all", noPasswordRequired: true }, message: /user default needs no password and is on/ },
    { policy: "rds-backup-replication-encrypted", type: T.rdsBackupReplication, good: { kmsKeyId: "arn:aws:kms:us-west-2:1:key/b", retentionPeriod: 30 }, bad: { retentionPeriod: 30 }, message: /no kmsKeyId: an encrypted instance's backups cannot be copied/ },
    { policy: "eks-access-policy-scoped", type: T.eksAccessPolicyAssociation, good: { policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", principalArn: "arn:aws:iam::1:role/platform-admins", accessScope: { type: "cluster" } }, bad: { policyArn: "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy", principalArn: "arn:aws:iam::1:role/feature-api-developers", accessScope: { type: "cluster" } }, message: /feature-api-developers gets AmazonEKSClusterAdminPolicy/ },
    { policy: "k8s-storage-class-encrypted", type: T.storageClass, good: { metadata: { name: "gp3" }, provisioner: "ebs.csi.aws.com", parameters: { type: "gp3", encrypted: "true", kmsKeyId: "arn:k" } }, bad: { metadata: { name: "gp3" }, provisioner: "ebs.csi.aws.com", parameters: { type: "gp3" } }, message: /StorageClass gp3: parameters.encrypted is not "true"/ },
    { policy: "k8s-configmap-no-secrets", type: T.configMap, good: { metadata: { name: "app" }, data: { "create-app-user.sql": "ALTER ROLE x WITH LOGIN PASSWORD NULL;" } }, bad: { metadata: { name: "app" }, data: { DB_PASSWORD: "hunter2" } }, message: /ConfigMap app key DB_PASSWORD looks like a secret/ },
    { policy: "k8s-secret-store-no-static-credentials", type: T.clusterSecretStore, good: { kind: "ClusterSecretStore", metadata: { name: "aws" }, spec: { provider: { aws: { region: "us-east-1", service: "SecretsManager" } } } }, bad: { kind: "ClusterSecretStore", metadata: { name: "aws" }, spec: { provider: { aws: { region: "us-east-1", service: "SecretsManager", auth: { secretRef: { accessKeyIDSecretRef: { name: "aws", key: "id" } } } } } } }, message: /authenticates with access keys from a Kubernetes secret/ },
    { policy: "k8s-generated-password-strong", type: T.passwordGenerator, good: { metadata: { name: "grafana" }, spec: { length: 32 } }, bad: { metadata: { name: "grafana" }, spec: { length: 12 } }, message: /generates 12 characters: use at least 24/ },
    // kms
    { policy: "kms-key-rotation", type: T.kmsKey, good: KMS_KEY, bad: with_(KMS_KEY, { enableKeyRotation: false }), message: /enableKeyRotation is off/ },
    { policy: "kms-key-policy-explicit", type: T.kmsKey, good: KMS_KEY, bad: with_(KMS_KEY, { policy: undefined }), message: /no policy of its own/ },
    { policy: "kms-no-wildcard-principal", type: T.kmsKey, good: KMS_KEY, bad: with_(KMS_KEY, { policy: doc({ Effect: "Allow", Principal: "*", Action: "kms:Decrypt", Resource: "*" }) }), message: /allows any principal/ },
    { policy: "kms-lockout-check", type: T.kmsKey, good: KMS_KEY, bad: with_(KMS_KEY, { bypassPolicyLockoutSafetyCheck: true }), message: /bypassPolicyLockoutSafetyCheck is true/ },
    { policy: "kms-key-enabled", type: T.kmsKey, good: KMS_KEY, bad: with_(KMS_KEY, { isEnabled: false }), message: /isEnabled is false/ },
    { policy: "kms-key-description", type: T.kmsKey, good: KMS_KEY, bad: with_(KMS_KEY, { description: undefined }), message: /no description/ },
    { policy: "kms-deletion-window", type: T.kmsKey, good: KMS_KEY, bad: with_(KMS_KEY, { deletionWindowInDays: 7 }), message: /deletionWindowInDays is 7: this environment needs at least 30/ },
    // eks
    { policy: "eks-endpoint-private", type: T.eksCluster, good: CLUSTER, bad: with_(CLUSTER, { vpcConfig: { endpointPrivateAccess: true, endpointPublicAccess: true, publicAccessCidrs: ["0.0.0.0/0"] } }), message: /endpoint is public to the whole internet/ },
    { policy: "eks-secrets-encrypted", type: T.eksCluster, good: CLUSTER, bad: with_(CLUSTER, { encryptionConfig: undefined }), message: /secrets are not encrypted with a customer-managed key/ },
    { policy: "eks-control-plane-logging", type: T.eksCluster, good: CLUSTER, bad: with_(CLUSTER, { enabledClusterLogTypes: ["api", "audit"] }), message: /control-plane logs missing: authenticator, controllerManager, scheduler/ },
    { policy: "eks-supported-version", type: T.eksCluster, good: CLUSTER, bad: with_(CLUSTER, { version: "1.28" }), message: /Kubernetes 1.28 is older than 1.33/ },
    { policy: "eks-access-entries", type: T.eksCluster, good: CLUSTER, bad: with_(CLUSTER, { accessConfig: { authenticationMode: "CONFIG_MAP", bootstrapClusterCreatorAdminPermissions: false } }), message: /authenticationMode is CONFIG_MAP/ },
    { policy: "eks-addon-version-pinned", type: T.addon, good: { addonName: "coredns", addonVersion: "v1.13.2-eksbuild.31" }, bad: { addonName: "coredns" }, message: /add-on coredns has no addonVersion/ },
    { policy: "nodegroup-approved-ami", type: T.nodeGroup, good: NODE_GROUP, bad: with_(NODE_GROUP, { amiType: "AL2_x86_64" }), message: /amiType AL2_x86_64 is not approved/ },
    { policy: "nodegroup-launch-template", type: T.nodeGroup, good: NODE_GROUP, bad: with_(NODE_GROUP, { launchTemplate: undefined, remoteAccess: { ec2SshKey: "k" } }), message: /remoteAccess opens SSH/ },
    { policy: "nodegroup-update-config", type: T.nodeGroup, good: NODE_GROUP, bad: with_(NODE_GROUP, { updateConfig: undefined }), message: /no updateConfig/ },
    { policy: "launch-template-imdsv2", type: T.launchTemplate, good: LAUNCH_TEMPLATE, bad: with_(LAUNCH_TEMPLATE, { metadataOptions: { httpEndpoint: "enabled", httpTokens: "optional", httpPutResponseHopLimit: 2 } }), message: /httpTokens is not "required"/ },
    { policy: "launch-template-no-public-ip", type: T.launchTemplate, good: LAUNCH_TEMPLATE, bad: with_(LAUNCH_TEMPLATE, { networkInterfaces: [{ associatePublicIpAddress: "true", deviceIndex: 0 }] }), message: /does not set associatePublicIpAddress "false"/ },
    { policy: "launch-template-encrypted-volumes", type: T.launchTemplate, good: LAUNCH_TEMPLATE, bad: with_(LAUNCH_TEMPLATE, { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "false", volumeType: "gp3" } }] }), message: /\/dev\/xvda is not encrypted/ },
    { policy: "launch-template-gp3", type: T.launchTemplate, good: LAUNCH_TEMPLATE, bad: with_(LAUNCH_TEMPLATE, { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: "k", volumeType: "gp2" } }] }), message: /uses gp2: use gp3/ },
    { policy: "launch-template-no-secrets-in-user-data", type: T.launchTemplate, good: with_(LAUNCH_TEMPLATE, { userData: Buffer.from("#!/bin/bash\necho hello").toString("base64") }), bad: with_(LAUNCH_TEMPLATE, { userData: Buffer.from("export AWS_ACCESS_KEY_ID=AKIAABCDEFGHIJKLMNOP").toString("base64") }), message: /looks like a credential/ },
    // rds
    { policy: "rds-storage-encrypted", type: T.rdsInstance, good: RDS, bad: with_(RDS, { storageEncrypted: false }), message: /storageEncrypted is not true/ },
    // A same-region read replica names no key (it takes its source's): rds-replica-source-encrypted judges the source.
    { policy: "rds-storage-encrypted", type: T.rdsInstance, good: REPLICA, bad: with_(RDS, { kmsKeyId: undefined }), message: /storage is encrypted with the AWS-managed key/ },
    { policy: "rds-not-public", type: T.rdsInstance, good: REPLICA, bad: with_(REPLICA, { publiclyAccessible: true }), message: /publiclyAccessible is true/ },
    { policy: "rds-not-public", type: T.rdsInstance, good: RDS, bad: with_(RDS, { publiclyAccessible: true }), message: /publiclyAccessible is true/ },
    { policy: "rds-multi-az", type: T.rdsInstance, good: with_(RDS, { multiAz: false }), goodOptions: { config: { required: false } }, bad: with_(RDS, { multiAz: false }), message: /multiAz is off: production needs a standby/ },
    { policy: "rds-backup-retention", type: T.rdsInstance, good: with_(RDS, { backupRetentionPeriod: 7 }), goodOptions: { config: { minimumDays: 7 } }, bad: with_(RDS, { backupRetentionPeriod: 7 }), message: /backupRetentionPeriod is 7 day\(s\): this environment keeps at least 30/ },
    // Read replicas: single-AZ allowed, no backups of their own, no final snapshot (RDS refuses one); the same settings on a primary fail.
    { policy: "rds-multi-az", type: T.rdsInstance, good: REPLICA, bad: with_(REPLICA, { replicateSourceDb: undefined }), message: /multiAz is off: production needs a standby/ },
    { policy: "rds-backup-retention", type: T.rdsInstance, good: REPLICA, bad: with_(REPLICA, { replicateSourceDb: undefined, kmsKeyId: "k" }), message: /backupRetentionPeriod is 0 day\(s\): this environment keeps at least 30/ },
    { policy: "rds-final-snapshot", type: T.rdsInstance, good: REPLICA, bad: with_(REPLICA, { replicateSourceDb: "" }), message: /skipFinalSnapshot is not false/ },
    { policy: "rds-deletion-protection", type: T.rdsInstance, good: RDS, bad: with_(RDS, { deletionProtection: false }), message: /deletionProtection is off/ },
    { policy: "rds-final-snapshot", type: T.rdsInstance, good: RDS, bad: with_(RDS, { skipFinalSnapshot: true }), message: /skipFinalSnapshot is not false/ },
    { policy: "rds-iam-authentication", type: T.rdsInstance, good: RDS, bad: with_(RDS, { iamDatabaseAuthenticationEnabled: false }), message: /iamDatabaseAuthenticationEnabled is off/ },
    { policy: "rds-enhanced-monitoring", type: T.rdsInstance, good: RDS, bad: with_(RDS, { monitoringInterval: 0 }), message: /enhanced monitoring is off/ },
    { policy: "rds-logs-exported", type: T.rdsInstance, good: RDS, bad: with_(RDS, { enabledCloudwatchLogsExports: ["upgrade"] }), message: /lacks "postgresql"/ },
    { policy: "rds-current-ca", type: T.rdsInstance, good: RDS, bad: with_(RDS, { caCertIdentifier: "rds-ca-2019" }), message: /caCertIdentifier is rds-ca-2019/ },
    { policy: "rds-auto-minor-upgrade", type: T.rdsInstance, good: RDS, bad: with_(RDS, { autoMinorVersionUpgrade: false }), message: /autoMinorVersionUpgrade is off/ },
    { policy: "rds-performance-insights", type: T.rdsInstance, good: RDS, bad: with_(RDS, { performanceInsightsKmsKeyId: undefined }), message: /performanceInsightsKmsKeyId/ },
    { policy: "rds-copy-tags-to-snapshots", type: T.rdsInstance, good: RDS, bad: with_(RDS, { copyTagsToSnapshot: false }), message: /copyTagsToSnapshot is off/ },
    { policy: "rds-engine-version-supported", type: T.rdsInstance, good: RDS, bad: with_(RDS, { engineVersion: "16.4" }), message: /PostgreSQL 16.4 is below 16.11/ },
    { policy: "rds-approved-class", type: T.rdsInstance, good: RDS, bad: with_(RDS, { storageType: "gp2" }), message: /storageType gp2: use gp3/ },
    // elasticache
    { policy: "elasticache-at-rest-encryption", type: T.cacheReplicationGroup, good: REDIS, bad: with_(REDIS, { atRestEncryptionEnabled: false }), message: /atRestEncryptionEnabled is off/ },
    { policy: "elasticache-in-transit-encryption", type: T.cacheReplicationGroup, good: REDIS, bad: with_(REDIS, { transitEncryptionMode: "preferred" }), message: /transitEncryptionMode is preferred/ },
    { policy: "elasticache-auth", type: T.cacheReplicationGroup, good: REDIS, bad: with_(REDIS, { userGroupIds: [] }), message: /no user group and no auth token/ },
    { policy: "elasticache-multi-az", type: T.cacheReplicationGroup, good: REDIS, bad: with_(REDIS, { multiAzEnabled: false, numCacheClusters: 1 }), message: /numCacheClusters is 1: failover needs a replica/ },
    { policy: "elasticache-snapshot-retention", type: T.cacheReplicationGroup, good: REDIS, bad: with_(REDIS, { snapshotRetentionLimit: 1 }), message: /snapshotRetentionLimit is 1: this environment keeps at least 7 days/ },
    { policy: "elasticache-auto-minor-upgrade", type: T.cacheReplicationGroup, good: REDIS, bad: with_(REDIS, { autoMinorVersionUpgrade: false }), message: /autoMinorVersionUpgrade is off/ },
    { policy: "elasticache-own-subnet-group", type: T.cacheReplicationGroup, good: REDIS, bad: with_(REDIS, { subnetGroupName: undefined }), message: /default subnet group/ },
    { policy: "elasticache-final-snapshot", type: T.cacheReplicationGroup, good: REDIS, bad: with_(REDIS, { finalSnapshotIdentifier: undefined }), message: /no finalSnapshotIdentifier/ },
    // s3
    { policy: "s3-no-public-acl", type: T.bucketAcl, good: { bucket: "b", acl: "private" }, bad: { bucket: "b", acl: "public-read" }, message: /acl public-read makes objects readable/ },
    { policy: "s3-policy-no-public-principal", type: T.bucketPolicy, good: bucketPolicy({ Effect: "Allow", Principal: { Service: "logging.s3.amazonaws.com" }, Action: "s3:PutObject", Resource: "arn:aws:s3:::b/*" }), bad: bucketPolicy({ Effect: "Allow", Principal: "*", Action: "s3:GetObject", Resource: "arn:aws:s3:::b/*" }), message: /allows anyone/ },
    { policy: "s3-policy-no-lockout", type: T.bucketPolicy, good: bucketPolicy({ Effect: "Deny", Principal: { AWS: "*" }, Action: "s3:*", Resource: "arn:aws:s3:::b/*", Condition: { Bool: { "aws:SecureTransport": "false" } } }), bad: bucketPolicy({ Effect: "Deny", Principal: "*", Action: "s3:*", Resource: "arn:aws:s3:::b/*" }), message: /denies everything to everyone/ },
    { policy: "s3-no-force-destroy", type: T.bucketV2, good: { bucket: "b", forceDestroy: false }, bad: { bucket: "b", forceDestroy: true }, message: /forceDestroy is true/ },
    { policy: "s3-legacy-bucket-inline-settings", type: T.bucket, goodType: T.bucketV2, good: { bucket: "b" }, bad: { bucket: "b", versioning: { enabled: true } }, message: /aws.s3.Bucket is deprecated and sets versioning inline/ },
    { policy: "s3-expiry-outside-production", type: T.bucketLifecycle, good: { rules: [{ status: "Enabled", expiration: { days: 30 } }] }, goodOptions: { config: { required: true } }, bad: { rules: [{ status: "Enabled", abortIncompleteMultipartUpload: { daysAfterInitiation: 7 } }] }, badOptions: { config: { required: true } }, message: /no rule expires objects/ },
    // logs and secrets
    { policy: "log-group-retention", type: T.logGroup, good: { name: "/x", retentionInDays: 30, kmsKeyId: "k" }, bad: { name: "/x", kmsKeyId: "k" }, message: /retentionInDays is not set/ },
    { policy: "log-group-retention-audit-logs", type: T.logGroup, good: { name: "/aws/eks/c/cluster", retentionInDays: 365 }, bad: { name: "/aws/vpc/p/flow-logs", retentionInDays: 30 }, message: /\/aws\/vpc\/p\/flow-logs is an audit trail kept 30 days/ },
    { policy: "log-group-encrypted", type: T.logGroup, good: { name: "/x", retentionInDays: 30, kmsKeyId: "k" }, bad: { name: "/x", retentionInDays: 30 }, message: /no kmsKeyId/ },
    { policy: "secret-encrypted-cmk", type: T.secret, good: { name: "s", kmsKeyId: "k" }, bad: { name: "s" }, message: /uses aws\/secretsmanager/ },
    { policy: "secret-recovery-window", type: T.secret, good: { name: "s", recoveryWindowInDays: 30 }, bad: { name: "s", recoveryWindowInDays: 0 }, message: /recoveryWindowInDays is 0: this environment needs at least 30/ },
    { policy: "secret-no-plaintext-password", type: T.secretVersion, good: { secretString: JSON.stringify({ host: "h", auth: "iam" }) }, bad: { secretString: JSON.stringify({ host: "h", password: "hunter2" }) }, message: /secretString holds password in plain text/ },
    // tags and stack-wide
    { policy: "required-tags", type: T.vpc, good: { tags: { Name: "v" } }, goodOptions: { provider: PROVIDER }, bad: { tags: { Name: "v", Owner: "" } }, badOptions: { provider: { ...PROVIDER, defaultTags: JSON.stringify({ tags: { Environment: "production" } }) } }, message: /missing tag\(s\) Owner, CostCenter, Project, ManagedBy, Stack/ },
    { policy: "name-tag", type: T.subnet, good: { tags: { Name: "s" } }, bad: { tags: {} }, message: /no Name tag/ },
    { policy: "approved-region", type: T.awsProvider, good: PROVIDER, bad: { ...PROVIDER, region: "ap-south-1", allowedAccountIds: undefined }, message: /region ap-south-1 is not approved/ },
    { policy: "approved-instance-types", type: T.nodeGroup, good: NODE_GROUP, bad: with_(NODE_GROUP, { instanceTypes: ["m4.large"] }), message: /m4.large is a previous-generation type/ },
    { policy: "spot-outside-production", type: T.nodeGroup, good: NODE_GROUP, bad: with_(NODE_GROUP, { capacityType: "SPOT" }), message: /capacityType is SPOT: expected ON_DEMAND/ },
    { policy: "spot-outside-production", type: T.nodePool, good: nodePool(["on-demand"]), bad: nodePool(["spot"]), message: /the NodePool allows capacity types \[spot\]: expected only on-demand in this environment/ },
    { policy: "stateful-resources-protected", type: T.rdsInstance, good: RDS, goodOptions: { protect: true }, bad: RDS, message: /not protected: set the protect resource option/ },
    // kubernetes workloads
    { policy: "k8s-no-privileged", type: T.deployment, good: deployment(), bad: container((c) => { c.securityContext.privileged = true; }), message: /container app: privileged: true/ },
    { policy: "k8s-no-host-namespaces", type: T.deployment, good: deployment(), bad: deployment((s) => { s.hostNetwork = true; }), message: /hostNetwork: true shares the node's namespace/ },
    { policy: "k8s-no-host-path", type: T.daemonSet, good: deployment(), bad: deployment((s) => { s.volumes.push({ name: "docker", hostPath: { path: "/var/run/docker.sock" } }); }), message: /volume docker mounts \/var\/run\/docker.sock from the node/ },
    { policy: "k8s-no-host-ports", type: T.deployment, good: deployment(), bad: container((c) => { c.ports[0].hostPort = 8080; }), message: /hostPort 8080/ },
    { policy: "k8s-no-host-process", type: T.deployment, good: deployment(), bad: deployment((s) => { s.securityContext.windowsOptions = { hostProcess: true }; }), message: /windowsOptions.hostProcess is true/ },
    { policy: "k8s-no-added-capabilities", type: T.deployment, good: container((c) => { c.securityContext.capabilities.add = ["NET_BIND_SERVICE"]; }), bad: container((c) => { c.securityContext.capabilities.add = ["NET_RAW", "SYS_ADMIN"]; }), message: /adds capabilities NET_RAW, SYS_ADMIN \(NET_RAW, SYS_ADMIN not even allowed by baseline\)/ },
    { policy: "k8s-drop-all-capabilities", type: T.deployment, good: deployment(), bad: container((c) => { c.securityContext.capabilities.drop = ["NET_RAW"]; }), message: /drop does not include ALL/ },
    { policy: "k8s-no-privilege-escalation", type: T.deployment, good: deployment(), bad: container((c) => { delete c.securityContext.allowPrivilegeEscalation; }), message: /allowPrivilegeEscalation is not false/ },
    { policy: "k8s-run-as-non-root", type: T.deployment, good: deployment(), bad: container((c) => { c.securityContext.runAsNonRoot = false; }), message: /container app: runAsNonRoot is false/ },
    { policy: "k8s-run-as-non-zero-user", type: T.deployment, good: deployment(), bad: deployment((s) => { s.securityContext.runAsUser = 0; }), message: /runAsUser is 0/ },
    { policy: "k8s-seccomp-runtime-default", type: T.statefulSet, good: deployment(), bad: deployment((s) => { s.securityContext.seccompProfile = { type: "Unconfined" }; }), message: /seccompProfile.type is Unconfined/ },
    { policy: "k8s-allowed-volume-types", type: T.deployment, good: deployment(), bad: deployment((s) => { s.volumes.push({ name: "nfs", nfs: { server: "x", path: "/" } }); }), message: /volume nfs is of type nfs/ },
    { policy: "k8s-default-proc-mount", type: T.deployment, good: deployment(), bad: container((c) => { c.securityContext.procMount = "Unmasked"; }), message: /procMount Unmasked/ },
    { policy: "k8s-safe-sysctls", type: T.deployment, good: deployment((s) => { s.securityContext.sysctls = [{ name: "net.ipv4.tcp_syncookies", value: "1" }]; }), bad: deployment((s) => { s.securityContext.sysctls = [{ name: "kernel.msgmax", value: "1" }]; }), message: /sysctl kernel.msgmax is not in the safe set/ },
    { policy: "k8s-apparmor-not-overridden", type: T.deployment, good: deployment(), bad: deployment((s) => { s.securityContext.appArmorProfile = { type: "Unconfined" }; }), message: /appArmorProfile is Unconfined/ },
    { policy: "k8s-selinux-restricted", type: T.deployment, good: deployment(), bad: container((c) => { c.securityContext.seLinuxOptions = { type: "spc_t" }; }), message: /seLinuxOptions.type spc_t is not allowed/ },
    { policy: "k8s-read-only-root-filesystem", type: T.deployment, good: deployment(), bad: container((c) => { c.securityContext.readOnlyRootFilesystem = false; }), message: /readOnlyRootFilesystem is not true/ },
    { policy: "k8s-resource-requests", type: T.deployment, good: deployment(), bad: container((c) => { delete c.resources.requests.cpu; }), message: /container app: no cpu request/ },
    { policy: "k8s-resource-limits", type: T.deployment, good: deployment(), bad: container((c) => { delete c.resources.limits.memory; }), message: /no memory limit/ },
    { policy: "k8s-ephemeral-storage-limit", type: T.deployment, good: deployment(), bad: container((c) => { delete c.resources.limits["ephemeral-storage"]; }), message: /no ephemeral-storage limit/ },
    { policy: "k8s-probes", type: T.deployment, good: deployment(), bad: container((c) => { delete c.readinessProbe; }), message: /container app has no readinessProbe/ },
    { policy: "k8s-no-latest-image", type: T.deployment, good: container((c) => { c.image = "public.ecr.aws/nginx/nginx:1.27.3"; }), bad: container((c) => { c.image = "public.ecr.aws/nginx/nginx:latest"; }), message: /uses latest: pin a version/ },
    { policy: "k8s-image-digest", type: T.deployment, good: deployment(), bad: container((c) => { c.image = "public.ecr.aws/nginx/nginx:1.27.3"; }), message: /pinned by tag, not digest/ },
    { policy: "k8s-approved-registries", type: T.deployment, good: container((c) => { c.image = "postgres:17-alpine"; }), bad: container((c) => { c.image = "miner/xmrig:6.21"; }), message: /image miner\/xmrig:6.21 is not from an approved registry/ },
    { policy: "k8s-automount-token", type: T.deployment, good: deployment(), bad: deployment((s) => { delete s.automountServiceAccountToken; }), message: /automountServiceAccountToken is not false/ },
    { policy: "k8s-job-own-service-account", type: T.job, good: deployment(), bad: deployment((s) => { s.serviceAccountName = "default"; }), message: /the job runs as the namespace's default service account/ },
    { policy: "k8s-no-default-service-account", type: T.deployment, good: deployment(), bad: deployment((s) => { delete s.serviceAccountName; }), message: /default service account/ },
    { policy: "k8s-secrets-as-files", type: T.deployment, good: deployment(), bad: container((c) => { c.env = [{ name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } }]; }), message: /secrets in environment variables \(DB_PASSWORD\)/ },
    { policy: "k8s-security-context", type: T.deployment, good: deployment(), bad: deployment((s) => { delete s.securityContext; }), message: /no pod securityContext/ },
    { policy: "k8s-recommended-labels", type: T.deployment, good: deployment(), bad: deployment((_s, d) => { d.metadata.labels = {}; }), message: /missing labels app.kubernetes.io\/name, app.kubernetes.io\/instance/ },
    { policy: "k8s-topology-spread", type: T.deployment, good: deployment(), bad: deployment((s) => { delete s.topologySpreadConstraints; }), message: /no topologySpreadConstraints/ },
    { policy: "k8s-priority-class", type: T.deployment, good: deployment(), bad: deployment((s) => { delete s.priorityClassName; }), message: /no priorityClassName/ },
    { policy: "k8s-no-bare-pods", type: T.pod, goodType: T.deployment, good: deployment(), bad: { apiVersion: "v1", kind: "Pod", spec: deployment().spec.template.spec }, message: /a bare Pod is not rescheduled/ },
    // kubernetes objects and helm
    { policy: "k8s-service-type", type: T.service, good: { spec: { type: "ClusterIP" } }, bad: { spec: { type: "LoadBalancer" } }, message: /Service type LoadBalancer exposes pods/ },
    { policy: "k8s-no-external-ips", type: T.service, good: { spec: { type: "ClusterIP" } }, bad: { spec: { externalIPs: ["1.2.3.4"] } }, message: /CVE-2020-8554/ },
    { policy: "k8s-network-policy-not-allow-all", type: T.networkPolicy, good: { spec: { podSelector: { matchLabels: { app: "api" } }, policyTypes: ["Ingress"], ingress: [{ from: [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress" } } }], ports: [{ port: 8080 }] }] } }, bad: { spec: { podSelector: {}, policyTypes: ["Ingress"], ingress: [{}] } }, message: /ingress rule 1 admits every source on every port/ },
    { policy: "k8s-external-secret-refreshed", type: T.externalSecret, good: { metadata: { name: "db" }, spec: { refreshInterval: "1h", dataFrom: [{ extract: { key: "platform/production/feature-api/database" } }] } }, bad: { metadata: { name: "db" }, spec: { refreshInterval: "0", dataFrom: [{ extract: { key: "platform/production/feature-api/database" } }] } }, message: /ExternalSecret db never refreshes/ },
    { policy: "k8s-alerts-routed", type: T.prometheusRule, good: { spec: { groups: [{ name: "g", rules: [{ alert: "NodeNotReady", labels: { severity: "critical" }, annotations: { runbook_url: "docs/operations.md#node-not-ready" } }, { record: "x:y", expr: "1" }] }] } }, bad: { spec: { groups: [{ name: "g", rules: [{ alert: "NodeNotReady", labels: {}, annotations: { runbook_url: "r" } }] }] } }, message: /alert NodeNotReady has severity \(none\)/ },
    { policy: "k8s-ingress-https", type: T.ingress, good: { metadata: { annotations: { "alb.ingress.kubernetes.io/certificate-arn": "arn:c", "alb.ingress.kubernetes.io/ssl-redirect": "443" } }, spec: { ingressClassName: "alb", rules: [{ host: "api.example.com" }] } }, bad: { metadata: { annotations: {} }, spec: { ingressClassName: "alb", rules: [{ host: "*.example.com" }] } }, message: /no TLS/ },
    { policy: "k8s-no-wildcard-rbac", type: T.clusterRole, good: role({}), bad: role({ rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"] }] }), message: /rule 1 uses "\*" verbs or resources/ },
    { policy: "k8s-no-cluster-admin-binding", type: T.clusterRoleBinding, good: { roleRef: { name: "view" }, subjects: [] }, bad: { roleRef: { name: "cluster-admin" }, subjects: [{ kind: "ServiceAccount", name: "ci" }] }, message: /binds cluster-admin to ServiceAccount ci/ },
    { policy: "k8s-namespace-pod-security", type: T.namespace, good: { metadata: { name: "velero", labels: { "pod-security.kubernetes.io/enforce": "privileged" } } }, bad: { metadata: { name: "feature-api", labels: { "pod-security.kubernetes.io/enforce": "privileged" } } }, message: /namespace feature-api does not enforce a Pod Security level/ },
    { policy: "helm-chart-version-pinned", type: T.helmRelease, good: release({}), bad: release({ version: "^88.0.0" }), message: /version \^88.0.0 is a range/ },
    { policy: "helm-repository-allowed", type: T.helmRelease, good: release({}), bad: release({ repositoryOpts: { repo: "http://charts.example.com" } }), message: /repository http:\/\/charts.example.com is not on the allow-list/ },
    { policy: "helm-no-plaintext-secrets", type: T.helmRelease, good: release({ values: { grafana: { admin: { existingSecret: "grafana-admin" } }, externalSecrets: { databaseSecret: "platform/production/feature-api/database" } } }), bad: release({ values: { grafana: { adminPassword: "prom-operator" }, app: { clientSecret: "s3cr3t!Value" } } }), message: /values grafana.adminPassword, app.clientSecret hold plaintext credentials/ },
    { policy: "helm-release-namespace", type: T.helmRelease, good: release({}), bad: release({ namespace: "default" }), message: /installs into the default namespace/ },
    { policy: "helm-atomic", type: T.helmRelease, good: release({}), bad: release({ atomic: false }), message: /atomic is not set/ },
    { policy: "helm-monitoring-retention", type: T.helmRelease, good: release({ values: { prometheus: { prometheusSpec: { retention: "15d", storageSpec: { volumeClaimTemplate: { spec: { resources: { requests: { storage: "50Gi" } } } } } } } } }), bad: release({ values: {} }), message: /retention is not set/ },
];

