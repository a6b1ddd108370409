package com.featureapi.platform.security;

import com.featureapi.platform.config.PlatformConfig;
import com.featureapi.platform.naming.AppSecrets;
import com.featureapi.platform.naming.ResourceNames;
import com.featureapi.platform.security.iam.PolicyDocument;
import com.featureapi.platform.security.iam.Statement;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The inline policies of the roles, each scoped to the resources of this stack only. */
final class WorkloadPolicies {

    /** The AWS Load Balancer Controller's published policy, checked in unchanged (see resources/iam/README.md). */
    static final String LOAD_BALANCER_CONTROLLER_RESOURCE = "/iam/aws-load-balancer-controller-v3.5.0.json";

    /**
     * Karpenter's controller policy of the pinned version (chart 1.14.1): the six policy documents of the version's
     * CloudFormation template, checked in unchanged with their placeholders (see resources/iam/README.md).
     */
    static final String KARPENTER_CONTROLLER_RESOURCE = "/iam/karpenter-controller-v1.14.1.json";

    private final PlatformConfig config;

    WorkloadPolicies(PlatformConfig config) {
        this.config = config;
    }

    /** Trust of a Pod Identity role: only EKS Pod Identity, for this cluster, for one namespace and service account. */
    Statement.Builder podIdentityTrust(String namespace, String serviceAccount) {
        return Statement.allow("sts:AssumeRole", "sts:TagSession")
                .service("pods.eks.amazonaws.com")
                .when("StringEquals", "aws:SourceAccount", config.accountId())
                .when("ArnEquals", "aws:SourceArn", ResourceNames.clusterArn(config))
                // Pod Identity tags every session with the pod's namespace and service account.
                .when("StringEquals", "aws:RequestTag/kubernetes-namespace", namespace)
                .when("StringEquals", "aws:RequestTag/kubernetes-service-account", serviceAccount);
    }

    /**
     * Trust of a role assumed by an AWS service that documents {@code aws:SourceAccount} in its trust policy
     * (RDS enhanced monitoring, VPC Flow Logs): the service may assume it only on behalf of this account.
     */
    Statement.Builder serviceTrustOfThisAccount(String service) {
        return serviceTrust(service).when("StringEquals", "aws:SourceAccount", config.accountId());
    }

    /**
     * Trust of a role assumed by a service that does not send {@code aws:SourceAccount}: EKS (cluster role) and
     * EC2 (instance profile of the nodes). AWS documents both trusts without a condition, AWS Support confirmed
     * that EKS does not support the confused-deputy keys (prowler-cloud/prowler#4745), and terraform-aws-eks
     * declined to add them (terraform-aws-eks#3210); a condition the service never satisfies would leave the
     * cluster without its role and the nodes without credentials.
     */
    static Statement.Builder serviceTrust(String service) {
        return Statement.allow("sts:AssumeRole").service(service);
    }

    String clusterEncryption(String eksKeyArn) {
        return PolicyDocument.of(Statement.allow("kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey")
                .sid("EnvelopeEncryptionOfSecrets").on(eksKeyArn)).toJson();
    }

    String flowLogDelivery() {
        String group = ResourceNames.logGroupArn(config, ResourceNames.flowLogGroup(config.namePrefix()));
        // The actions of AWS's own flow-log role policy ("IAM role for publishing flow logs to CloudWatch Logs")
        // except logs:CreateLogGroup: the network tier creates the group, with its key and retention, first.
        return PolicyDocument.of(
                Statement.allow("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams")
                        .sid("DeliverToTheFlowLogGroup").on(group, group + ":*"),
                // DescribeLogGroups lists groups; it is scoped to this account's groups in this region, the
                // narrowest resource the action takes.
                Statement.allow("logs:DescribeLogGroups").sid("FindTheFlowLogGroup")
                        .on(ResourceNames.logGroupArn(config, "*"))).toJson();
    }

    String ebsCsiKeyUse(String ebsKeyArn) {
        return PolicyDocument.of(
                Statement.allow("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey")
                        .sid("EncryptVolumes").on(ebsKeyArn),
                Statement.allow("kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant").sid("GrantToEc2").on(ebsKeyArn)
                        .when("Bool", "kms:GrantIsForAWSResource", "true")).toJson();
    }

    String clusterAutoscaler() {
        String cluster = ResourceNames.cluster(config);
        String prefix = config.region() + ":" + config.accountId();
        return PolicyDocument.of(
                Statement.allow("autoscaling:DescribeAutoScalingGroups", "autoscaling:DescribeAutoScalingInstances",
                        "autoscaling:DescribeLaunchConfigurations", "autoscaling:DescribeScalingActivities", "autoscaling:DescribeTags",
                        "ec2:DescribeImages", "ec2:DescribeInstanceTypes", "ec2:DescribeLaunchTemplateVersions")
                        .sid("ReadWhatCannotBeScoped").on("*"),
                Statement.allow("eks:DescribeNodegroup").sid("ReadOwnNodeGroups")
                        .on("arn:aws:eks:" + prefix + ":nodegroup/" + cluster + "/*/*"),
                // Writes only on the Auto Scaling groups EKS tagged as owned by this cluster.
                Statement.allow("autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup")
                        .sid("ScaleOwnGroupsOnly").on("arn:aws:autoscaling:" + prefix + ":autoScalingGroup:*:autoScalingGroupName/*")
                        .when("StringEquals", "aws:ResourceTag/k8s.io/cluster-autoscaler/" + cluster, "owned")).toJson();
    }

    String externalSecrets(String secretsKeyArn, String rdsKeyArn) {
        String rdsSecrets = "arn:aws:secretsmanager:" + config.region() + ":" + config.accountId() + ":secret:rds!db-*";
        String database = "arn:aws:rds:" + config.region() + ":" + config.accountId() + ":db:" + ResourceNames.databaseInstance(config);
        // Exactly the secrets the cluster syncs: the connection info and the app's own secrets (a secret's ARN is its
        // name, a dash and six random characters, which ?????? matches and nothing longer does).
        List<String> synced = new ArrayList<>(List.of(
                ResourceNames.secretArnPattern(config, "feature-api/database-??????"),
                ResourceNames.secretArnPattern(config, "feature-api/cache-??????")));
        List<String> appSecrets = Arrays.stream(AppSecrets.values()).map(secret -> secret.secretArn(config)).toList();
        synced.addAll(appSecrets);
        String secretsManager = "secretsmanager." + config.region() + ".amazonaws.com";
        return PolicyDocument.of(
                Statement.allow("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret", "secretsmanager:ListSecretVersionIds")
                        .sid("ReadTheSyncedSecrets").on(synced.toArray(String[]::new)),
                Statement.allow("kms:Decrypt").sid("DecryptThroughSecretsManager").on(secretsKeyArn)
                        .when("StringEquals", "kms:ViaService", secretsManager),
                // The app's secrets are generated in the cluster and pushed once (PushSecret, IfNotExists) into the
                // secrets the data tier created empty. External Secrets 2.9.0's push into an existing secret calls
                // DescribeSecret, GetSecretValue, DeleteResourcePolicy (it removes any policy its metadata does not
                // set; these secrets have none) and PutSecretValue; it may not create, delete, tag or re-key a secret.
                Statement.allow("secretsmanager:PutSecretValue", "secretsmanager:DeleteResourcePolicy")
                        .sid("PushTheAppSecretsOnce").on(appSecrets.toArray(String[]::new)),
                // PutSecretValue under the secrets key: a data key for these secrets only (Secrets Manager's
                // encryption context names the secret's ARN).
                Statement.allow("kms:GenerateDataKey").sid("EncryptTheAppSecretsThroughSecretsManager").on(secretsKeyArn)
                        .when("StringEquals", "kms:ViaService", secretsManager)
                        .when("StringLike", "kms:EncryptionContext:SecretARN", appSecrets.toArray(String[]::new)),
                // The migration hook of the feature-api chart reads the master user of this stack's database only:
                // RDS names its secret rds!db-<uuid> and tags it with the instance it belongs to.
                Statement.allow("secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret").sid("ReadThisDatabasesMasterSecret")
                        .on(rdsSecrets).when("StringEquals", "secretsmanager:ResourceTag/aws:rds:primaryDBInstanceArn", database),
                Statement.allow("kms:Decrypt").sid("DecryptTheMasterSecretThroughSecretsManager").on(rdsKeyArn)
                        .when("StringEquals", "kms:ViaService", "secretsmanager." + config.region() + ".amazonaws.com")).toJson();
    }

    String velero(String s3KeyArn, String ebsKeyArn) {
        String bucket = "arn:aws:s3:::" + ResourceNames.bucket(config, "velero");
        String ec2 = "arn:aws:ec2:" + config.region();
        return PolicyDocument.of(
                Statement.allow("ec2:DescribeVolumes", "ec2:DescribeSnapshots").sid("ReadWhatCannotBeScoped").on("*"),
                Statement.allow("ec2:CreateSnapshot", "ec2:CreateVolume", "ec2:CreateTags").sid("SnapshotAndRestoreVolumes")
                        .on(ec2 + "::snapshot/*", ec2 + ":" + config.accountId() + ":volume/*"),
                Statement.allow("ec2:DeleteSnapshot").sid("DeleteOnlyVeleroSnapshots").on(ec2 + "::snapshot/*")
                        .when("StringLike", "aws:ResourceTag/velero.io/backup", "*"),
                Statement.allow("s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload",
                        "s3:ListMultipartUploadParts").sid("BackupObjects").on(bucket + "/*"),
                Statement.allow("s3:ListBucket").sid("ListTheBackupBucket").on(bucket),
                Statement.allow("kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey")
                        .sid("UseBackupAndVolumeKeys").on(s3KeyArn, ebsKeyArn),
                Statement.allow("kms:CreateGrant").sid("GrantVolumeKeyToEc2").on(ebsKeyArn)
                        .when("Bool", "kms:GrantIsForAWSResource", "true")).toJson();
    }

    String featureApi(String secretsKeyArn) {
        return PolicyDocument.of(
                Statement.allow("secretsmanager:GetSecretValue").sid("ReadOwnSecrets")
                        .on(ResourceNames.secretArnPattern(config, "feature-api/*")),
                Statement.allow("kms:Decrypt").sid("DecryptOwnSecrets").on(secretsKeyArn)
                        .when("StringEquals", "kms:ViaService", "secretsmanager." + config.region() + ".amazonaws.com"),
                // IAM authentication to Redis as the application user of this stack's replication group only.
                Statement.allow("elasticache:Connect").sid("ConnectToRedisAsTheAppUser").on(
                        "arn:aws:elasticache:" + config.region() + ":" + config.accountId() + ":replicationgroup:" + ResourceNames.cacheReplicationGroup(config),
                        "arn:aws:elasticache:" + config.region() + ":" + config.accountId() + ":user:" + ResourceNames.cacheAppUser(config)),
                // IAM database authentication as the application user only (the instance's resource id is
                // not known before it exists, so the instance part is a wildcard within this account).
                Statement.allow("rds-db:connect").sid("ConnectAsTheAppUser")
                        .on("arn:aws:rds-db:" + config.region() + ":" + config.accountId() + ":dbuser:*/" + ResourceNames.DATABASE_APP_USER)).toJson();
    }

    /**
     * external-dns (0.21.0, provider aws) keeps the record of {@code platform:app.hostname} in the one hosted zone of
     * {@code platform:dns}: it lists and changes record sets of that zone only. {@code route53:ListHostedZones} has no
     * resource-level permission (Service Authorization Reference, Route 53: no resource type), so it takes {@code *};
     * it reveals zone names and ids, not records, and external-dns keeps only the zone its --zone-id-filter names.
     * No {@code route53:ListTagsForResources}, which upstream's example policy lists: external-dns calls it only for
     * --aws-zone-tags-filter (provider/aws/aws.go, zones()), which the platform does not use; nor GetChange.
     */
    String externalDns() {
        String zone = config.dns().hostedZoneArn();
        return PolicyDocument.of(
                Statement.allow("route53:ChangeResourceRecordSets", "route53:ListResourceRecordSets")
                        .sid("ManageRecordsOfTheStacksZoneOnly").on(zone),
                Statement.allow("route53:ListHostedZones").sid("FindTheZoneWhichCannotBeScoped").on("*")).toJson();
    }

    /** Fluent Bit writes streams into the two workload log groups the observability tier creates, nothing else. */
    String fluentBit() {
        String containers = ResourceNames.logGroupArn(config, ResourceNames.workloadLogGroup(config, "containers"));
        String kubelet = ResourceNames.logGroupArn(config, ResourceNames.workloadLogGroup(config, "kubelet"));
        // No logs:CreateLogGroup or PutRetentionPolicy: the groups, their key and retention belong to Pulumi.
        return PolicyDocument.of(
                Statement.allow("logs:CreateLogStream", "logs:PutLogEvents", "logs:DescribeLogStreams")
                        .sid("WriteToTheWorkloadLogGroups").on(containers, containers + ":*", kubelet, kubelet + ":*")).toJson();
    }

    /**
     * Alertmanager publishes to its three topics only (warnings, critical pages, the Watchdog heartbeat), named by ARN;
     * their key is usable only through SNS.
     */
    String alertmanager(String alertsKeyArn) {
        return PolicyDocument.of(
                Statement.allow("sns:Publish").sid("PublishToTheAlertTopics").on(ResourceNames.alertsTopicArn(config),
                        ResourceNames.onCallTopicArn(config), ResourceNames.heartbeatTopicArn(config)),
                Statement.allow("kms:GenerateDataKey*", "kms:Decrypt").sid("EncryptThroughSns").on(alertsKeyArn)
                        .when("StringEquals", "kms:ViaService", "sns." + config.region() + ".amazonaws.com")).toJson();
    }

    /**
     * The logical backup logs in to PostgreSQL as the read-only backup user (IAM authentication) and uploads dumps
     * under the dump prefix of the backups bucket: it can neither read nor delete a dump (retention is the bucket's
     * lifecycle), so a stolen token cannot exfiltrate old backups or erase them.
     * <p>
     * {@code aws s3 cp} uploads anything above 8 MiB in parts: S3 authorizes CreateMultipartUpload, UploadPart and
     * CompleteMultipartUpload as {@code s3:PutObject}, and under SSE-KMS it needs {@code kms:Decrypt} of the key to
     * assemble the parts (S3 user guide, "Using SSE-KMS": multipart uploads need kms:GenerateDataKey and kms:Decrypt);
     * {@code s3:AbortMultipartUpload} lets a failed upload clean up its parts. Decrypt is held to S3 in this region
     * and to the backups bucket's encryption context (the bucket uses S3 Bucket Keys, whose context is the bucket's
     * ARN), so the role still cannot decrypt anything else with the S3 key, nor read a dump (no s3:GetObject).
     */
    String databaseBackup(String s3KeyArn) {
        String bucket = "arn:aws:s3:::" + ResourceNames.bucket(config, "backups");
        return PolicyDocument.of(
                Statement.allow("rds-db:connect").sid("ConnectAsTheBackupUser")
                        .on("arn:aws:rds-db:" + config.region() + ":" + config.accountId() + ":dbuser:*/" + ResourceNames.DATABASE_BACKUP_USER),
                Statement.allow("s3:PutObject", "s3:AbortMultipartUpload").sid("UploadDumps")
                        .on(bucket + "/" + ResourceNames.DATABASE_DUMP_PREFIX + "*"),
                Statement.allow("kms:GenerateDataKey", "kms:Encrypt", "kms:Decrypt").sid("EncryptDumpsThroughS3").on(s3KeyArn)
                        .when("StringEquals", "kms:ViaService", "s3." + config.region() + ".amazonaws.com")
                        .when("StringEquals", "kms:EncryptionContext:aws:s3:arn", bucket)).toJson();
    }

    /**
     * Tempo keeps its trace blocks in the traces bucket and nowhere else: the actions of Tempo's documented S3
     * permissions ("Amazon S3 permissions" in its hosted-storage docs) on that bucket only. The bucket is encrypted
     * by default with the S3 key under an S3 Bucket Key, so the key serves Tempo only through S3 in this region and
     * for this bucket's encryption context.
     */
    String tempo(String s3KeyArn) {
        String bucket = "arn:aws:s3:::" + ResourceNames.bucket(config, ResourceNames.TRACES_BUCKET);
        return PolicyDocument.of(
                Statement.allow("s3:ListBucket").sid("ListTheTracesBucket").on(bucket),
                Statement.allow("s3:PutObject", "s3:GetObject", "s3:DeleteObject", "s3:GetObjectTagging", "s3:PutObjectTagging",
                        "s3:AbortMultipartUpload").sid("ReadAndWriteTraceBlocks").on(bucket + "/*"),
                Statement.allow("kms:GenerateDataKey", "kms:Decrypt").sid("EncryptBlocksThroughS3").on(s3KeyArn)
                        .when("StringEquals", "kms:ViaService", "s3." + config.region() + ".amazonaws.com")
                        .when("StringEquals", "kms:EncryptionContext:aws:s3:arn", bucket)).toJson();
    }

    /**
     * Grafana's CloudWatch datasource, read-only: the actions of AWS's AmazonGrafanaCloudWatchAccess policy that the
     * datasource's logs and metrics queries use, with Logs Insights queries and log events limited to this stack's
     * log groups (the cluster's, the VPC's and the database's, by their name prefixes) and alarms to this account's in
     * this region. What AWS authorizes only on {@code *} (metric reads, stopping a query, tag and EC2 lookups for
     * dimension values: {@code UnscopedActions}) stays on {@code *}; nothing here can write, delete or read a secret.
     */
    String grafana() {
        String cluster = ResourceNames.logGroupArn(config, "/aws/eks/" + ResourceNames.cluster(config) + "/*");
        String vpc = ResourceNames.logGroupArn(config, "/aws/vpc/" + config.namePrefix() + "/*");
        String database = ResourceNames.logGroupArn(config, "/aws/rds/instance/" + ResourceNames.databaseInstance(config) + "/*");
        return PolicyDocument.of(
                Statement.allow("logs:StartQuery", "logs:GetQueryResults", "logs:GetLogGroupFields", "logs:GetLogEvents")
                        .sid("QueryThisStacksLogGroups")
                        .on(cluster, cluster + ":*", vpc, vpc + ":*", database, database + ":*"),
                // Listing groups for the query editor: the narrowest resource the action takes.
                Statement.allow("logs:DescribeLogGroups").sid("ListLogGroups").on(ResourceNames.logGroupArn(config, "*")),
                Statement.allow("logs:StopQuery").sid("StopQueriesItStarted").on("*"),
                Statement.allow("cloudwatch:ListMetrics", "cloudwatch:GetMetricData", "cloudwatch:GetMetricStatistics",
                        "cloudwatch:DescribeAlarmsForMetric").sid("ReadMetrics").on("*"),
                Statement.allow("cloudwatch:DescribeAlarms", "cloudwatch:DescribeAlarmHistory").sid("ReadThisAccountsAlarms")
                        .on("arn:aws:cloudwatch:" + config.region() + ":" + config.accountId() + ":alarm:*"),
                Statement.allow("ec2:DescribeTags", "ec2:DescribeInstances", "ec2:DescribeRegions", "tag:GetResources")
                        .sid("ResolveDimensionValues").on("*")).toJson();
    }

    static String loadBalancerController() {
        return resource(LOAD_BALANCER_CONTROLLER_RESOURCE);
    }

    /**
     * The Karpenter controller's policy: every statement of the version's six policy documents, in their order, in one
     * inline policy (6.2 KB of the role's 10,240 characters), with CloudFormation's placeholders filled in for this
     * stack exactly as the template's {@code !Sub} would: the partition, region, account, cluster name, the node role
     * and the interruption queue. Nothing is added or narrowed, so the policy equals the version's by value.
     */
    String karpenterController(String nodeRoleArn) {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        try {
            com.fasterxml.jackson.databind.JsonNode policies = json.readTree(resource(KARPENTER_CONTROLLER_RESOURCE)).path("policies");
            com.fasterxml.jackson.databind.node.ArrayNode statements = json.createArrayNode();
            policies.forEach(document -> document.path("Statement").forEach(statements::add));
            com.fasterxml.jackson.databind.node.ObjectNode document = json.createObjectNode();
            document.put("Version", "2012-10-17");
            document.set("Statement", statements);
            String text = json.writeValueAsString(document)
                    .replace("${AWS::Partition}", "aws")
                    .replace("${AWS::Region}", config.region())
                    .replace("${AWS::AccountId}", config.accountId())
                    .replace("${ClusterName}", ResourceNames.cluster(config))
                    .replace("${KarpenterNodeRole.Arn}", nodeRoleArn)
                    .replace("${KarpenterInterruptionQueue.Arn}", ResourceNames.karpenterInterruptionQueueArn(config));
            if (text.contains("${")) {
                throw new IllegalStateException(KARPENTER_CONTROLLER_RESOURCE + " has a placeholder this program does not fill: "
                        + text.substring(text.indexOf("${"), text.indexOf('}', text.indexOf("${")) + 1));
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = WorkloadPolicies.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
