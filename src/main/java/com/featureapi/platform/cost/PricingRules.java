package com.featureapi.platform.cost;

import com.featureapi.platform.catalog.EksSupportWindows;
import com.featureapi.platform.catalog.PriceEntry;
import com.featureapi.platform.catalog.RegionCatalog;
import com.featureapi.platform.plan.PlannedResource;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One pricing rule per resource type the program creates (shared/reference/aws-prices.md for the prices; what
 * each rule counts is written beside it). A rule never invents a figure: a missing catalog entry is an unpriced
 * line with the reason, a usage-based amount without a usage value shows its unit price.
 */
final class PricingRules {

    private static final Map<String, Function<PricingContext, List<CostLine>>> RULES = new HashMap<>();

    static {
        RULES.put("aws:eks/cluster:Cluster", PricingRules::eksCluster);
        RULES.put("aws:eks/nodeGroup:NodeGroup", PricingRules::nodeGroup);
        RULES.put(UsageKeys.NAT, PricingRules::natGateway);
        RULES.put("aws:ec2/eip:Eip", PricingRules::elasticIp);
        RULES.put(UsageKeys.VPC_ENDPOINT, PricingRules::vpcEndpoint);
        RULES.put(UsageKeys.RDS, PricingRules::rdsInstance);
        RULES.put(UsageKeys.RDS_BACKUP_REPLICATION, PricingRules::rdsBackupReplication);
        RULES.put("aws:elasticache/replicationGroup:ReplicationGroup", PricingRules::replicationGroup);
        RULES.put(UsageKeys.BUCKET, PricingRules::bucket);
        RULES.put(UsageKeys.BUCKET_REPLICATION, PricingRules::bucketReplication);
        RULES.put(UsageKeys.LOG_GROUP, PricingRules::logGroup);
        RULES.put(UsageKeys.KMS_KEY, PricingRules::kmsKey);
        RULES.put(UsageKeys.KMS_REPLICA_KEY, PricingRules::kmsKey);
        RULES.put(UsageKeys.SECRET, PricingRules::secret);
        RULES.put("aws:cloudwatch/metricAlarm:MetricAlarm", c -> List.of(c.monthly("metric alarm", "cloudwatch.alarm", BigDecimal.ONE, null)));
        RULES.put("aws:cloudwatch/compositeAlarm:CompositeAlarm", c -> List.of(c.monthly("composite alarm", "cloudwatch.alarm", BigDecimal.ONE, null)));
        RULES.put("aws:budgets/budgetAction:BudgetAction", c -> List.of(CostLine.unpriced("budget action",
                "the first two action-enabled budgets of the account are free, later ones $0.10 a day: depends on the account")));
        RULES.put(UsageKeys.TRAIL, PricingRules::trail);
        RULES.put(UsageKeys.INGRESS, PricingRules::ingress);
        RULES.put(UsageKeys.WEB_ACL, PricingRules::webAcl);
        RULES.put(UsageKeys.GUARDDUTY_DETECTOR, PricingRules::guardDutyDetector);
        RULES.put(UsageKeys.GUARDDUTY_FEATURE, PricingRules::guardDutyFeature);
        RULES.put("kubernetes:core/v1:PersistentVolumeClaim", PricingRules::persistentVolumeClaim);
        RULES.put("kubernetes:apps/v1:StatefulSet", PricingRules::statefulSet);
        RULES.put("kubernetes:core/v1:Service", PricingRules::service);
        RULES.put("kubernetes:helm.sh/v3:Release", PricingRules::helmRelease);
        RULES.put(UsageKeys.SQS_QUEUE, c -> List.of(c.usage("standard queue requests", "sqs.requests.standard", "monthlyRequests", new BigDecimal("1000000"))));
        RULES.put(UsageKeys.NODE_POOL, PricingRules::nodePool);
    }

    private PricingRules() {
    }

    static List<CostLine> price(PricingContext context) {
        String type = context.resource().type();
        Function<PricingContext, List<CostLine>> rule = RULES.get(type);
        if (rule != null) {
            return rule.apply(context);
        }
        return FreeTypes.reason(type)
                .map(why -> List.of(CostLine.free("no charge", why)))
                .orElseGet(() -> List.of(CostLine.unpriced(type, "no pricing rule for this resource type")));
    }

    // --- compute -------------------------------------------------------------------------------------------

    /** EKS control plane: standard rate, or extended once the version is past standard support (upgrade policy EXTENDED). */
    private static List<CostLine> eksCluster(PricingContext c) {
        PlannedResource r = c.resource();
        String version = text(r.input("version"));
        String supportType = Optional.ofNullable(text(r.input("upgradePolicy.supportType"))).orElse("EXTENDED");
        if (version == null) {
            // AWS then picks its default version, whose support window the plan cannot know.
            return List.of(CostLine.unpriced("EKS control plane", "the cluster names no Kubernetes version"));
        }
        Optional<LocalDate> ends = EksSupportWindows.standardSupportEnds(version);
        if (ends.isEmpty()) {
            return List.of(CostLine.unpriced("EKS control plane " + version, "Kubernetes " + version
                    + " is not in the support windows of " + EksSupportWindows.SOURCE));
        }
        boolean extended = "EXTENDED".equals(supportType) && c.asOf().isAfter(ends.get());
        String note = "Kubernetes " + version + ", standard support until " + ends.get()
                + ("STANDARD".equals(supportType) ? " (upgrade policy STANDARD: upgraded then, never billed extended)" : "");
        return List.of(c.hourly("EKS control plane (" + (extended ? "extended" : "standard") + " support)",
                extended ? "eks.cluster.extended" : "eks.cluster.standard", BigDecimal.ONE, note));
    }

    /** Managed node group: desired size x the first instance type, plus each node's root volume from its launch template. */
    private static List<CostLine> nodeGroup(PricingContext c) {
        PlannedResource r = c.resource();
        List<CostLine> lines = new ArrayList<>();
        List<String> types = strings(r.input("instanceTypes"));
        BigDecimal desired = number(r.input("scalingConfig.desiredSize"));
        BigDecimal min = number(r.input("scalingConfig.minSize"));
        BigDecimal max = number(r.input("scalingConfig.maxSize"));
        if (types.isEmpty() || desired == null) {
            return List.of(CostLine.unpriced("nodes", "the node group names no instance type or desired size"));
        }
        String type = types.get(0);
        String key = RegionCatalog.ec2Key(type);
        String range = "";
        Optional<BigDecimal> hourly = c.price(key).map(p -> p.price());
        if (hourly.isPresent() && min != null && max != null) {
            range = "desired " + desired.toPlainString() + "; range " + min.toPlainString() + "-" + max.toPlainString() + " nodes = $"
                    + CostEstimate.cents(min.multiply(hourly.get()).multiply(c.hoursPerMonth())).toPlainString() + "-$"
                    + CostEstimate.cents(max.multiply(hourly.get()).multiply(c.hoursPerMonth())).toPlainString();
        }
        if (types.size() > 1) {
            range += "; priced at the first of " + String.join(", ", types);
        }
        if ("SPOT".equals(text(r.input("capacityType")))) {
            range += "; SPOT capacity priced at the on-demand price (an upper bound)";
        }
        lines.add(c.hourly(desired.toPlainString() + " x " + type, key, desired, range.isEmpty() ? null : range));
        lines.addAll(rootVolumes(c, desired));
        return lines;
    }

    /**
     * A Karpenter NodePool: no node at rest (Karpenter launches nodes only for pods that tolerate the pool's taints),
     * so the line is 0 nodes with the range up to the pool's ceiling: its {@code limits.cpu} filled with the allowed
     * type that costs most per vCPU, at that type's spot estimate for a spot pool (marked unconfirmed: an estimate from
     * the Spot Instance Advisor). A pool without a CPU limit, a type without a price or vCPU count, or requirements the
     * plan cannot read are unpriced, never a guess.
     */
    private static List<CostLine> nodePool(PricingContext c) {
        PoolCeiling.Result result = PoolCeiling.of(c.resource(), c.catalog(), c.region());
        if (result instanceof PoolCeiling.Unknown u) {
            return List.of(CostLine.unpriced(u.label(), u.reason()));
        }
        PoolCeiling p = ((PoolCeiling.Known) result).ceiling();
        String note = "no node at rest; range 0-" + p.nodes().toPlainString() + " nodes = $0.00-$" + p.monthlyUsd().toPlainString()
                + " (" + p.explanation() + ")";
        return List.of(CostLine.priced("0 x " + p.dearest() + (p.spotOnly() ? " (spot)" : ""), LineKind.FIXED, BigDecimal.ZERO, p.price(), note));
    }

    private static List<CostLine> rootVolumes(PricingContext c, BigDecimal nodes) {
        PlannedResource r = c.resource();
        BigDecimal size = number(r.input("diskSize"));
        String volumeType = "gp2";
        List<String> templateUrns = r.propertyDependencies().getOrDefault("launchTemplate", List.of());
        for (String urn : templateUrns) {
            Optional<PlannedResource> template = c.byUrn(urn);
            if (template.isPresent()) {
                BigDecimal templateSize = number(template.get().input("blockDeviceMappings.0.ebs.volumeSize"));
                if (templateSize != null) {
                    size = templateSize;
                    volumeType = Optional.ofNullable(text(template.get().input("blockDeviceMappings.0.ebs.volumeType"))).orElse("gp2");
                }
            }
        }
        if (size == null) {
            size = new BigDecimal("20"); // EKS's default root volume for managed node groups without a template
        }
        String key = "ebs." + volumeType + ".storage";
        return List.of(c.monthly(nodes.toPlainString() + " x " + size.toPlainString() + " GB " + volumeType + " root volume", key,
                nodes.multiply(size), null));
    }

    // --- network -------------------------------------------------------------------------------------------

    private static List<CostLine> natGateway(PricingContext c) {
        return List.of(c.hourly("NAT gateway", "nat.hour", BigDecimal.ONE, null),
                c.usage("data processed", "nat.processed", "monthlyProcessedGb"));
    }

    /** An Elastic IP is a public IPv4 address, billed by the hour since 2024-02-01. */
    private static List<CostLine> elasticIp(PricingContext c) {
        return List.of(c.hourly("public IPv4 address", "ipv4.public", BigDecimal.ONE, null));
    }

    /** Gateway endpoints (S3, DynamoDB) are free; an interface endpoint is billed per AZ (subnet) and GB. */
    private static List<CostLine> vpcEndpoint(PricingContext c) {
        String type = Optional.ofNullable(text(c.resource().input("vpcEndpointType"))).orElse("Gateway");
        if (type.equals("Gateway")) {
            return List.of(CostLine.free("gateway endpoint", "gateway endpoints are free (AWS VPC pricing)"));
        }
        BigDecimal azs = BigDecimal.valueOf(Math.max(1, strings(c.resource().input("subnetIds")).size()));
        return List.of(c.hourly("interface endpoint in " + azs.toPlainString() + " AZ" + (azs.intValue() == 1 ? "" : "s"),
                        "vpce.interface.az-hour", azs, null),
                c.usage("data processed", "vpce.interface.processed", "monthlyProcessedGb"));
    }

    // --- data ----------------------------------------------------------------------------------------------

    /**
     * RDS: the class's Single- or Multi-AZ price (the catalog's Multi-AZ price covers primary and standby); storage at the single- or Multi-AZ rate; backup storage
     * beyond the free allowance (the provisioned size) from usage; Performance Insights beyond its free 7 days is
     * not in the catalog; the master password secret RDS manages is a Secrets Manager secret.
     */
    private static List<CostLine> rdsInstance(PricingContext c) {
        PlannedResource r = c.resource();
        List<CostLine> lines = new ArrayList<>();
        String instanceClass = text(r.input("instanceClass"));
        boolean multiAz = bool(r.input("multiAz"));
        // A read replica is billed as an instance of its own class and storage, at the same rates (RDS pricing page).
        boolean replica = r.input("replicateSourceDb") != null;
        lines.add(c.hourly(instanceClass + (replica ? " read replica," : "") + (multiAz ? " Multi-AZ (primary + standby)" : " single-AZ"),
                multiAz ? RegionCatalog.rdsMultiAzKey(instanceClass) : RegionCatalog.rdsKey(instanceClass), BigDecimal.ONE, null));
        BigDecimal storage = number(r.input("allocatedStorage"));
        String storageType = Optional.ofNullable(text(r.input("storageType"))).orElse("gp2");
        if (storage != null) {
            if (storageType.equals("gp3") || storageType.equals("gp2")) {
                lines.add(c.monthly(storage.toPlainString() + " GB " + storageType + " storage" + (multiAz ? " (Multi-AZ)" : ""),
                        multiAz ? "rds.storage.gp3.multi-az" : "rds.storage.gp3.single-az", storage,
                        number(r.input("maxAllocatedStorage")) == null ? null
                                : "autoscaling up to " + number(r.input("maxAllocatedStorage")).toPlainString() + " GB"));
            } else {
                lines.add(CostLine.unpriced(storageType + " storage", "the catalog prices gp2 and gp3 RDS storage only"));
            }
        }
        Optional<BigDecimal> backup = c.usageValue("backupStorageGb");
        if (replica) {
            lines.add(CostLine.free("no automated backups", "RDS creates read replicas with backups disabled and the program keeps them so; the primary's backups are billed there"));
        } else if (backup.isPresent() && storage != null) {
            BigDecimal beyond = backup.get().subtract(storage).max(BigDecimal.ZERO);
            lines.add(c.price("rds.backup.storage")
                    .map(p -> CostLine.priced("backup storage beyond the free " + storage.toPlainString() + " GB", LineKind.USAGE, beyond, p,
                            "backupStorageGb = " + backup.get().toPlainString()))
                    .orElseGet(() -> CostLine.unpriced("backup storage", c.missing("rds.backup.storage"))));
        } else {
            lines.add(c.usage("backup storage beyond the provisioned size", "rds.backup.storage", "backupStorageGb"));
        }
        if (bool(r.input("performanceInsightsEnabled"))) {
            BigDecimal retention = number(r.input("performanceInsightsRetentionPeriod"));
            if (retention == null || retention.intValue() <= 7) {
                lines.add(CostLine.free("Performance Insights, 7 days", "the 7-day retention is free"));
            } else {
                lines.add(CostLine.unpriced("Performance Insights, " + retention + " days", "long-term retention is not in the catalog"));
            }
        }
        BigDecimal monitoring = number(r.input("monitoringInterval"));
        if (monitoring != null && monitoring.signum() > 0) {
            // RDS writes Enhanced Monitoring metrics into the log group RDSOSMetrics; when the program manages that
            // group, its ingestion is priced there (and counted once).
            boolean groupInPlan = c.all().stream().anyMatch(o -> o.type().equals(UsageKeys.LOG_GROUP) && "RDSOSMetrics".equals(text(o.input("name"))));
            lines.add(groupInPlan
                    ? CostLine.free("Enhanced Monitoring metrics", "billed as ingestion of the log group RDSOSMetrics")
                    : c.usage("Enhanced Monitoring metrics (CloudWatch Logs ingestion)", "logs.ingestion", "enhancedMonitoringGb"));
        }
        if (bool(r.input("manageMasterUserPassword"))) {
            lines.add(c.monthly("master password secret (managed by RDS)", "secretsmanager.secret", BigDecimal.ONE, null));
        }
        return lines;
    }

    private static List<CostLine> rdsBackupReplication(PricingContext c) {
        return List.of(c.usage("backups copied across regions", "rds.backup.cross-region-transfer", "replicatedGb"),
                c.usage("replicated backups stored", "rds.backup.storage", "storedGb"));
    }

    /** ElastiCache: nodes x node price (Valkey at 0.8 of Redis OSS is not in the catalog, so unpriced). */
    private static List<CostLine> replicationGroup(PricingContext c) {
        PlannedResource r = c.resource();
        String nodeType = text(r.input("nodeType"));
        String engine = Optional.ofNullable(text(r.input("engine"))).orElse("redis");
        BigDecimal nodes = number(r.input("numCacheClusters"));
        if (nodes == null) {
            BigDecimal shards = Optional.ofNullable(number(r.input("numNodeGroups"))).orElse(BigDecimal.ONE);
            BigDecimal replicas = Optional.ofNullable(number(r.input("replicasPerNodeGroup"))).orElse(BigDecimal.ZERO);
            nodes = shards.multiply(replicas.add(BigDecimal.ONE));
        }
        if (!engine.equals("redis")) {
            return List.of(CostLine.unpriced(nodes.toPlainString() + " x " + nodeType + " (" + engine + ")", "the catalog prices Redis OSS nodes only"));
        }
        return List.of(c.hourly(nodes.toPlainString() + " x " + nodeType, RegionCatalog.cacheKey(nodeType), nodes, null));
    }

    private static List<CostLine> bucket(PricingContext c) {
        return List.of(c.usage("S3 Standard storage", "s3.standard.storage", "storageGb"),
                c.usage("PUT, COPY, POST, LIST requests", "s3.requests.put", "monthlyPutRequests", new BigDecimal("1000")),
                c.usage("GET requests", "s3.requests.get", "monthlyGetRequests", new BigDecimal("1000")));
    }

    private static List<CostLine> bucketReplication(PricingContext c) {
        return List.of(c.usage("replication to another region", "s3.replication.transfer", "monthlyReplicatedGb"));
    }

    // --- services ------------------------------------------------------------------------------------------

    private static List<CostLine> logGroup(PricingContext c) {
        return List.of(c.usage("ingestion", "logs.ingestion", "monthlyIngestedGb"),
                c.usage("storage", "logs.storage", "storedGb"));
    }

    private static List<CostLine> kmsKey(PricingContext c) {
        return List.of(c.monthly("customer-managed key", "kms.key", BigDecimal.ONE, null),
                c.usage("requests", "kms.requests", "monthlyRequests", new BigDecimal("10000")));
    }

    private static List<CostLine> secret(PricingContext c) {
        return List.of(c.monthly("secret", "secretsmanager.secret", BigDecimal.ONE, null),
                c.usage("API calls", "secretsmanager.calls", "monthlyApiCalls", new BigDecimal("10000")));
    }

    /**
     * CloudTrail: the first copy of management events in an account is free; a further copy (when an organization
     * trail already records them) is billed per 100,000 events, from usage. Data events are not in the catalog.
     * The log files are priced on the trail's bucket.
     */
    private static List<CostLine> trail(PricingContext c) {
        List<CostLine> lines = new ArrayList<>();
        lines.add(CostLine.free("management events, first copy", "the first trail of management events in an account is free (AWS CloudTrail pricing)"));
        lines.add(c.usage("management events, if this is a second copy", "cloudtrail.management-events.additional-copy",
                "monthlyAdditionalCopyEvents", new BigDecimal("100000")));
        Object selectors = c.resource().input("eventSelectors");
        Object advanced = c.resource().input("advancedEventSelectors");
        if (selectors instanceof List<?> s && !s.isEmpty() || advanced instanceof List<?> a && !a.isEmpty()) {
            lines.add(CostLine.unpriced("data events", "data-event prices are not in the catalog"));
        }
        return lines;
    }

    /**
     * AWS WAF: the web ACL and each of its rules by the month (a managed rule group is one rule; AWS's baseline groups
     * carry no extra fee), and the requests it inspects, per million, from usage.
     */
    private static List<CostLine> webAcl(PricingContext c) {
        Object rules = c.resource().input("rules");
        BigDecimal count = BigDecimal.valueOf(rules instanceof List<?> list ? list.size() : 0);
        return List.of(c.monthly("web ACL", "waf.web-acl", BigDecimal.ONE, null),
                c.monthly(count.toPlainString() + " rules (managed rule groups count one each)", "waf.rule", count, null),
                c.usage("requests inspected", "waf.requests", "monthlyRequests", new BigDecimal("1000000")));
    }

    /** GuardDuty's first-tier rates; larger volumes cost less per unit, so the estimate is an upper bound. */
    private static final String FIRST_TIER = "at the first tier's rate (an upper bound: larger volumes are billed less per unit)";

    /** GuardDuty's foundational detection: CloudTrail management events and VPC flow and DNS logs, by volume only. */
    private static List<CostLine> guardDutyDetector(PricingContext c) {
        return List.of(
                c.estimateOrUnknown("CloudTrail management events analyzed", "guardduty.cloudtrail-events", "monthlyCloudTrailEvents",
                        new BigDecimal("1000000"), FIRST_TIER),
                c.estimateOrUnknown("VPC flow and DNS logs analyzed", "guardduty.flow-dns-logs", "monthlyFlowAndDnsLogGb",
                        BigDecimal.ONE, FIRST_TIER));
    }

    /** GuardDuty's EKS protection plans: audit log events, and the vCPUs Runtime Monitoring watches. */
    private static List<CostLine> guardDutyFeature(PricingContext c) {
        String feature = Optional.ofNullable(text(c.resource().input("name"))).orElse("");
        return switch (feature) {
            case "EKS_AUDIT_LOGS" -> List.of(c.estimateOrUnknown("EKS audit log events analyzed", "guardduty.eks-audit-events",
                    "monthlyAuditLogEvents", new BigDecimal("1000000"), FIRST_TIER));
            case "RUNTIME_MONITORING", "EKS_RUNTIME_MONITORING" -> List.of(c.estimateOrUnknown("vCPUs under Runtime Monitoring",
                    "guardduty.runtime-vcpu", "averageMonitoredVcpus", BigDecimal.ONE, FIRST_TIER + "; the nodes' vCPUs over the month"));
            default -> List.of(CostLine.unpriced("GuardDuty " + feature, "the catalog prices the EKS audit log and Runtime Monitoring plans only"));
        };
    }

    // --- Kubernetes (rendered charts) ----------------------------------------------------------------------

    /**
     * The AWS Load Balancer Controller creates one ALB per Ingress of class alb, or one per
     * {@code alb.ingress.kubernetes.io/group.name} shared by several: hourly + LCU from usage, and an internet-facing
     * one holds a public IPv4 address in each AZ.
     */
    private static List<CostLine> ingress(PricingContext c) {
        PlannedResource r = c.resource();
        if (!isAlbIngress(r)) {
            return List.of(CostLine.free("Ingress (not of class alb)", "no AWS load balancer is created for it"));
        }
        String group = annotation(r, "alb.ingress.kubernetes.io/group.name");
        if (group != null) {
            Optional<PlannedResource> first = c.all().stream()
                    .filter(o -> o.type().equals(r.type()) && isAlbIngress(o) && group.equals(annotation(o, "alb.ingress.kubernetes.io/group.name")))
                    .findFirst();
            if (first.isPresent() && !first.get().urn().equals(r.urn())) {
                return List.of(CostLine.free("shares the ALB of group " + group, "priced on " + first.get().name()));
            }
        }
        List<CostLine> lines = new ArrayList<>();
        lines.add(c.hourly("Application Load Balancer", "alb.hour", BigDecimal.ONE, null));
        lines.add(c.usage("load balancer capacity units", "alb.lcu", "averageLcus", c.hoursPerMonth(), BigDecimal.ONE));
        if ("internet-facing".equals(annotation(r, "alb.ingress.kubernetes.io/scheme"))) {
            BigDecimal azs = BigDecimal.valueOf(c.availabilityZones());
            lines.add(c.hourly(azs.toPlainString() + " public IPv4 addresses (one per AZ)", "ipv4.public", azs, null));
        }
        return lines;
    }

    private static boolean isAlbIngress(PlannedResource r) {
        return "alb".equals(text(r.input("spec.ingressClassName"))) || "alb".equals(annotation(r, "kubernetes.io/ingress.class"));
    }

    private static String annotation(PlannedResource r, String name) {
        Object annotations = r.input("metadata.annotations");
        return annotations instanceof Map<?, ?> map && map.get(name) != null ? map.get(name).toString() : null;
    }

    private static List<CostLine> persistentVolumeClaim(PricingContext c) {
        BigDecimal gb = quantityGb(text(c.resource().input("spec.resources.requests.storage")));
        if (gb == null) {
            return List.of(CostLine.unpriced("persistent volume", "no storage request in the claim"));
        }
        return List.of(c.monthly(gb.toPlainString() + " GB gp3 persistent volume", "ebs.gp3.storage", gb, "the default StorageClass is encrypted gp3"));
    }

    private static List<CostLine> statefulSet(PricingContext c) {
        Object templates = c.resource().input("spec.volumeClaimTemplates");
        if (!(templates instanceof List<?> list) || list.isEmpty()) {
            return List.of(CostLine.free("no charge", "a Kubernetes object runs on the priced nodes"));
        }
        BigDecimal replicas = Optional.ofNullable(number(c.resource().input("spec.replicas"))).orElse(BigDecimal.ONE);
        List<CostLine> lines = new ArrayList<>();
        for (Object template : list) {
            BigDecimal gb = template instanceof Map<?, ?> t ? quantityGb(text(dig(t, "spec", "resources", "requests", "storage"))) : null;
            if (gb == null) {
                lines.add(CostLine.unpriced("volume claim template", "no storage request in the template"));
            } else {
                lines.add(c.monthly(replicas.toPlainString() + " x " + gb.toPlainString() + " GB gp3 persistent volume", "ebs.gp3.storage",
                        replicas.multiply(gb), "one volume per replica; the default StorageClass is encrypted gp3"));
            }
        }
        return lines;
    }

    private static List<CostLine> service(PricingContext c) {
        if ("LoadBalancer".equals(text(c.resource().input("spec.type")))) {
            return List.of(CostLine.unpriced("Network Load Balancer", "NLB prices are not in the catalog"));
        }
        return List.of(CostLine.free("no charge", "a Kubernetes object runs on the priced nodes"));
    }

    /**
     * A Helm release whose objects are rendered into the plan is priced through them. One that is not rendered
     * (a remote chart) is priced from its values: every {@code volumeClaimTemplate} storage request (Prometheus,
     * Alertmanager) times the sibling {@code replicas}, and every {@code persistence: {enabled: true, size}} block.
     */
    private static List<CostLine> helmRelease(PricingContext c) {
        PlannedResource r = c.resource();
        boolean rendered = c.all().stream().anyMatch(o -> o.parent().equals(r.urn()) && o.type().startsWith("kubernetes:") && !o.type().equals(r.type()));
        if (rendered) {
            return List.of(CostLine.free("release", "its rendered objects are priced one by one"));
        }
        List<CostLine> lines = new ArrayList<>();
        Object values = r.input("values");
        if (values instanceof Map<?, ?> map) {
            collectVolumes("values", map, BigDecimal.ONE, c, lines);
        }
        if (lines.isEmpty()) {
            lines.add(CostLine.free("release", "no persistent volume or load balancer in its values"));
        }
        return lines;
    }

    /** {@code replicas} is the nearest one on the way down (prometheusSpec.replicas above storageSpec.volumeClaimTemplate). */
    private static void collectVolumes(String path, Map<?, ?> values, BigDecimal inheritedReplicas, PricingContext c, List<CostLine> lines) {
        BigDecimal replicas = Optional.ofNullable(number(values.get("replicas"))).orElse(inheritedReplicas);
        Object template = values.get("volumeClaimTemplate");
        if (template instanceof Map<?, ?> t) {
            BigDecimal gb = quantityGb(text(dig(t, "spec", "resources", "requests", "storage")));
            if (gb != null) {
                lines.add(c.monthly(replicas.toPlainString() + " x " + gb.toPlainString() + " GB gp3 volume (" + path + ")", "ebs.gp3.storage",
                        replicas.multiply(gb), "from the release's values; the default StorageClass is encrypted gp3"));
            }
        }
        Object persistence = values.get("persistence");
        if (persistence instanceof Map<?, ?> p && bool(p.get("enabled"))) {
            BigDecimal gb = quantityGb(text(p.get("size")));
            if (gb != null) {
                lines.add(c.monthly(gb.toPlainString() + " GB gp3 volume (" + path + ".persistence)", "ebs.gp3.storage", gb,
                        "from the release's values; the default StorageClass is encrypted gp3"));
            }
        }
        for (Map.Entry<?, ?> entry : values.entrySet()) {
            if (entry.getValue() instanceof Map<?, ?> child && !"volumeClaimTemplate".equals(entry.getKey()) && !"persistence".equals(entry.getKey())) {
                collectVolumes(path + "." + entry.getKey(), child, replicas, c, lines);
            }
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private static final Pattern QUANTITY = Pattern.compile("(\\d+(?:\\.\\d+)?)(Gi|G|Ti|T|Mi|M)?");

    /** A Kubernetes storage quantity in GB as EBS bills it (GiB): 50Gi = 50, 1Ti = 1024, 512Mi = 0.5. */
    static BigDecimal quantityGb(String quantity) {
        if (quantity == null) {
            return null;
        }
        Matcher m = QUANTITY.matcher(quantity.trim());
        if (!m.matches()) {
            return null;
        }
        BigDecimal value = new BigDecimal(m.group(1));
        String suffix = m.group(2) == null ? "" : m.group(2);
        return switch (suffix) {
            case "Ti", "T" -> value.multiply(new BigDecimal("1024"));
            case "Mi", "M" -> value.divide(new BigDecimal("1024"), 3, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
            case "Gi", "G" -> value;
            default -> value.divide(new BigDecimal("1073741824"), 3, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
        };
    }

    private static Object dig(Map<?, ?> map, String... path) {
        Object current = map;
        for (String part : path) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(part);
        }
        return current;
    }

    static String text(Object value) {
        return value == null ? null : value.toString();
    }

    static BigDecimal number(Object value) {
        if (value instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (value instanceof String s && s.matches("\\d+(\\.\\d+)?")) {
            return new BigDecimal(s);
        }
        return null;
    }

    static boolean bool(Object value) {
        return value instanceof Boolean b ? b : "true".equals(value);
    }

    static List<String> strings(Object value) {
        if (!(value instanceof List<?> list)) {
            return List.of();
        }
        Set<String> result = new LinkedHashSet<>();
        list.forEach(v -> result.add(String.valueOf(v)));
        return List.copyOf(result);
    }
}
