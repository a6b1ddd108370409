package com.featureapi.platform.cost;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The usage keys each resource type takes in {@code cost-usage.<stack>.yaml}, with what each one means. */
public final class UsageKeys {

    public static final String NAT = "aws:ec2/natGateway:NatGateway";
    public static final String VPC_ENDPOINT = "aws:ec2/vpcEndpoint:VpcEndpoint";
    public static final String RDS = "aws:rds/instance:Instance";
    public static final String RDS_BACKUP_REPLICATION = "aws:rds/instanceAutomatedBackupsReplication:InstanceAutomatedBackupsReplication";
    public static final String BUCKET = "aws:s3/bucketV2:BucketV2";
    public static final String BUCKET_REPLICATION = "aws:s3/bucketReplicationConfig:BucketReplicationConfig";
    public static final String LOG_GROUP = "aws:cloudwatch/logGroup:LogGroup";
    public static final String KMS_KEY = "aws:kms/key:Key";
    public static final String KMS_REPLICA_KEY = "aws:kms/replicaKey:ReplicaKey";
    public static final String SECRET = "aws:secretsmanager/secret:Secret";
    public static final String INGRESS = "kubernetes:networking.k8s.io/v1:Ingress";
    public static final String TRAIL = "aws:cloudtrail/trail:Trail";
    public static final String NODE_GROUP = "aws:eks/nodeGroup:NodeGroup";
    public static final String CACHE = "aws:elasticache/replicationGroup:ReplicationGroup";

    /** Keys of average utilization (0-100), read by {@code cost --recommend} only: they change no price. */
    public static final String AVERAGE_CPU = "averageCpuPercent";
    public static final String AVERAGE_MEMORY = "averageMemoryPercent";
    public static final String WEB_ACL = "aws:wafv2/webAcl:WebAcl";
    public static final String GUARDDUTY_DETECTOR = "aws:guardduty/detector:Detector";
    public static final String GUARDDUTY_FEATURE = "aws:guardduty/detectorFeature:DetectorFeature";
    public static final String SQS_QUEUE = "aws:sqs/queue:Queue";
    public static final String NODE_POOL = "kubernetes:karpenter.sh/v1:NodePool";

    /** Per type, key to meaning; the order is the order of the documentation. */
    public static final Map<String, Map<String, String>> KEYS = new LinkedHashMap<>();

    static {
        KEYS.put(NAT, Map.of("monthlyProcessedGb", "GB through the gateway a month"));
        KEYS.put(VPC_ENDPOINT, Map.of("monthlyProcessedGb", "GB through an interface endpoint a month"));
        KEYS.put(RDS, Map.of("backupStorageGb", "total backup storage (GB); the part beyond the provisioned storage is billed",
                "enhancedMonitoringGb", "GB of Enhanced Monitoring metrics ingested into CloudWatch Logs a month",
                AVERAGE_CPU, "average CPUUtilization over the month, percent (cost --recommend)",
                AVERAGE_MEMORY, "average share of the instance's memory in use (100 - FreeableMemory share), percent (cost --recommend)"));
        KEYS.put(NODE_GROUP, Map.of(AVERAGE_CPU, "average CPU utilization of the group's nodes over the month, percent (cost --recommend)",
                AVERAGE_MEMORY, "average memory utilization of the group's nodes, percent (cost --recommend)"));
        KEYS.put(CACHE, Map.of(AVERAGE_CPU, "average EngineCPUUtilization over the month, percent (cost --recommend)",
                AVERAGE_MEMORY, "average DatabaseMemoryUsagePercentage over the month, percent (cost --recommend)"));
        KEYS.put(RDS_BACKUP_REPLICATION, Map.of("replicatedGb", "GB of backups copied to the other region a month",
                "storedGb", "GB of replicated backups kept in the other region"));
        KEYS.put(BUCKET, Map.of("storageGb", "GB stored (S3 Standard)", "monthlyPutRequests", "PUT, COPY, POST and LIST requests a month",
                "monthlyGetRequests", "GET requests a month"));
        KEYS.put(BUCKET_REPLICATION, Map.of("monthlyReplicatedGb", "GB replicated to the other region a month"));
        KEYS.put(LOG_GROUP, Map.of("monthlyIngestedGb", "GB ingested a month", "storedGb", "GB kept (within the retention)"));
        KEYS.put(KMS_KEY, Map.of("monthlyRequests", "cryptographic requests a month"));
        KEYS.put(KMS_REPLICA_KEY, Map.of("monthlyRequests", "cryptographic requests a month"));
        KEYS.put(SECRET, Map.of("monthlyApiCalls", "API calls a month"));
        KEYS.put(TRAIL, Map.of("monthlyAdditionalCopyEvents", "management events a month, only if another trail (an organization trail) already records them"));
        KEYS.put(GUARDDUTY_DETECTOR, Map.of("monthlyCloudTrailEvents", "CloudTrail management events of the account and region a month",
                "monthlyFlowAndDnsLogGb", "GB of VPC flow logs and DNS query logs a month (GuardDuty reads its own copy)"));
        KEYS.put(GUARDDUTY_FEATURE, Map.of("monthlyAuditLogEvents", "EKS audit log events a month (EKS_AUDIT_LOGS)",
                "averageMonitoredVcpus", "average vCPUs of the nodes Runtime Monitoring watches over the month (RUNTIME_MONITORING)"));
        KEYS.put(WEB_ACL, Map.of("monthlyRequests", "requests the web ACL inspects a month (all the ALB's requests, blocked ones too)"));
        KEYS.put(SQS_QUEUE, Map.of("monthlyRequests", "API requests a month (sends, receives including empty long polls, deletes; each 64 KB chunk counts)"));
        KEYS.put(INGRESS, Map.of("averageLcus", "average load balancer capacity units of the ALB over the month"));
    }

    private UsageKeys() {
    }

    public static List<String> forType(String type) {
        Map<String, String> keys = KEYS.get(type);
        return keys == null ? List.of() : keys.keySet().stream().sorted().toList();
    }
}
