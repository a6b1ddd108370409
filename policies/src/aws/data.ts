// RDS PostgreSQL and ElastiCache Redis.
import { PolicyResource } from "@pulumi/policy";
import { PlatformPolicy, resourcePolicy, schema, stackPolicy } from "../lib/policy";
import { T } from "../lib/types";
import { asArray, falsy, isInternetCidr, num, truthy } from "../lib/values";
import { refersTo } from "../lib/graph";
import { tablesOfSubnet } from "./network";

const rds = "rds";
const cache = "elasticache";

const multiAz = schema({ required: { type: "boolean", default: true, description: "require Multi-AZ (production)" } });

export const dataPolicies: PlatformPolicy[] = [
    resourcePolicy({
        name: "rds-storage-encrypted", family: rds, enforcementLevel: "mandatory",
        checks: "Database storage is encrypted with a customer-managed KMS key",
        rule: "RDS 1-2", anchors: "AG rds-storage-encrypted, CKV_AWS_16, CIS-A 2.3.1",
        types: [T.rdsInstance],
        validate: (p, report) => {
            if (!truthy(p.storageEncrypted)) report("storageEncrypted is not true: the database, its snapshots and replicas are stored in clear");
            // A read replica in its source's region takes the source's key and may not name one (RDS API,
            // CreateDBInstanceReadReplica KmsKeyId): rds-replica-source-encrypted judges the source's key instead.
            else if (!p.kmsKeyId && !isReadReplica(p)) report("storage is encrypted with the AWS-managed key: set kmsKeyId to a customer-managed key");
        },
    }),
    resourcePolicy({
        name: "rds-not-public", family: rds, enforcementLevel: "mandatory",
        checks: "The database is not publicly accessible",
        rule: "RDS 3", anchors: "AG rds-instance-public-access, CKV_AWS_17",
        types: [T.rdsInstance],
        validate: (p, report) => {
            if (truthy(p.publiclyAccessible)) report("publiclyAccessible is true: the database gets a public DNS name; set false");
        },
    }),
    resourcePolicy({
        name: "rds-multi-az", family: rds, enforcementLevel: "mandatory",
        checks: "The database is Multi-AZ (production); a read replica may be single-AZ (reads fall back to the primary while RDS replaces it)",
        rule: "RDS 4", anchors: "AG rds-instance-multi-az-enabled, CKV_AWS_157",
        config: multiAz, types: [T.rdsInstance],
        validate: (p, report, config) => {
            if (config.required && !isReadReplica(p) && !truthy(p.multiAz)) report("multiAz is off: production needs a standby in a second AZ (database.multiAz: true)");
        },
    }),
    resourcePolicy({
        name: "rds-backup-retention", family: rds, enforcementLevel: "mandatory",
        checks: "Automated backups are kept at least N days (production 30, staging 7); a read replica's are its source's",
        rule: "RDS 5", anchors: "AG rds-instance-backup-enabled, CKV_AWS_133",
        config: schema({ minimumDays: { type: "integer", default: 30, minimum: 1, description: "shortest backupRetentionPeriod" } }),
        types: [T.rdsInstance],
        validate: (p, report, config) => {
            // RDS creates read replicas with backups disabled: the source's retention is the one that counts.
            if (isReadReplica(p)) return;
            const days = num(p.backupRetentionPeriod) ?? 1;
            if (days < config.minimumDays) report(`backupRetentionPeriod is ${days} day(s): this environment keeps at least ${config.minimumDays}`);
        },
    }),
    resourcePolicy({
        name: "rds-deletion-protection", family: rds, enforcementLevel: "mandatory",
        checks: "Deletion protection is on (production)",
        rule: "RDS 6", anchors: "CKV_AWS_293",
        config: schema({ required: { type: "boolean", default: true, description: "require deletionProtection (production)" } }),
        types: [T.rdsInstance],
        validate: (p, report, config) => {
            if (config.required && !truthy(p.deletionProtection)) report("deletionProtection is off: one mistaken `pulumi up` could delete production data");
        },
    }),
    resourcePolicy({
        name: "rds-final-snapshot", family: rds, enforcementLevel: "mandatory",
        checks: "Deleting the database takes a final snapshot (production); a read replica cannot take one",
        rule: "none", anchors: "none (environment-aware)",
        config: schema({ required: { type: "boolean", default: true, description: "require a final snapshot (production)" } }),
        types: [T.rdsInstance],
        validate: (p, report, config) => {
            // "FinalDBSnapshotIdentifier can not be specified when deleting a replica instance" (hashicorp/terraform-provider-aws#4276).
            if (!config.required || isReadReplica(p)) return;
            if (truthy(p.skipFinalSnapshot) || p.skipFinalSnapshot === undefined) report("skipFinalSnapshot is not false: deleting the database would keep no final copy");
            else if (!p.finalSnapshotIdentifier) report("no finalSnapshotIdentifier: name the final snapshot");
        },
    }),
    resourcePolicy({
        name: "rds-iam-authentication", family: rds, enforcementLevel: "advisory",
        checks: "IAM database authentication is enabled",
        rule: "RDS 7", anchors: "CKV_AWS_161",
        types: [T.rdsInstance],
        validate: (p, report) => {
            if (!truthy(p.iamDatabaseAuthenticationEnabled)) report("iamDatabaseAuthenticationEnabled is off: applications need long-lived passwords");
        },
    }),
    resourcePolicy({
        name: "rds-enhanced-monitoring", family: rds, enforcementLevel: "advisory",
        checks: "Enhanced monitoring is on (monitoringInterval > 0 with a role)",
        rule: "RDS 8", anchors: "CKV_AWS_118",
        types: [T.rdsInstance],
        validate: (p, report) => {
            if (!(num(p.monitoringInterval) ?? 0) || !p.monitoringRoleArn) report("enhanced monitoring is off: set monitoringInterval (for example 60) and monitoringRoleArn");
        },
    }),
    resourcePolicy({
        name: "rds-logs-exported", family: rds, enforcementLevel: "mandatory",
        checks: "PostgreSQL logs (postgresql, upgrade) are exported to CloudWatch Logs",
        rule: "RDS 9", anchors: "CKV_AWS_129",
        types: [T.rdsInstance],
        validate: (p, report) => {
            const logs = asArray<string>(p.enabledCloudwatchLogsExports);
            if (!logs.includes("postgresql")) report("enabledCloudwatchLogsExports lacks \"postgresql\": database logs stay on the instance");
        },
    }),
    stackPolicy({
        name: "rds-replica-source-encrypted", family: rds, enforcementLevel: "mandatory",
        checks: "A read replica copies an instance of this stack whose storage is encrypted with a customer-managed key (the replica takes that key)",
        rule: "RDS 1-2", anchors: "AG rds-storage-encrypted, CKV_AWS_16 (for the replica, through its source)",
        validate: (resources, report) => {
            for (const replica of resources.filter((r) => r.type === T.rdsInstance && isReadReplica(r.props))) {
                const source = (replica.propertyDependencies.replicateSourceDb ?? []).find((r) => r.type === T.rdsInstance);
                if (!source) {
                    report(`read replica ${replica.name} copies ${replica.props.replicateSourceDb}, which is not an instance of this stack: its encryption cannot be checked`, replica.urn);
                } else if (!truthy(source.props.storageEncrypted) || !source.props.kmsKeyId) {
                    report(`read replica ${replica.name} copies ${source.name}, which is not encrypted with a customer-managed key: the replica is stored the same way`, replica.urn);
                } else if (replica.props.kmsKeyId && replica.props.kmsKeyId !== source.props.kmsKeyId) {
                    report(`read replica ${replica.name} names kmsKeyId ${replica.props.kmsKeyId}: in its source's region it takes ${source.name}'s key, and RDS refuses another`, replica.urn);
                }
            }
        },
    }),
    stackPolicy({
        name: "rds-parameter-group-hardened", family: rds, enforcementLevel: "mandatory",
        checks: "The database's parameter group forces TLS (rds.force_ssl 1) and logs connections and slow queries",
        rule: "RDS 10-11", anchors: "CKV2_AWS_30, CKV2_AWS_69",
        validate: (resources, report) => {
            for (const db of resources.filter((r) => r.type === T.rdsInstance)) {
                const group = (db.propertyDependencies.parameterGroupName ?? []).find((r) => r.type === T.rdsParameterGroup)
                    ?? resources.find((r) => r.type === T.rdsParameterGroup && r.props.name === db.props.parameterGroupName);
                if (!group) {
                    report(`database ${db.name} uses the default parameter group: TLS is not forced and queries are not logged; give it a parameter group`, db.urn);
                    continue;
                }
                const params = new Map<string, string>(asArray<any>(group.props.parameters).map((x) => [x.name, String(x.value)]));
                const missing: string[] = [];
                if (params.get("rds.force_ssl") !== "1") missing.push("rds.force_ssl=1");
                if (params.get("log_connections") !== "1") missing.push("log_connections=1");
                const slow = num(params.get("log_min_duration_statement"));
                if (slow === undefined || slow < 0) missing.push("log_min_duration_statement (slow queries)");
                if (missing.length > 0) report(`parameter group ${group.name} of database ${db.name} lacks ${missing.join(", ")}`, group.urn);
            }
        },
    }),
    resourcePolicy({
        name: "rds-current-ca", family: rds, enforcementLevel: "mandatory",
        checks: "The instance uses a current CA (rds-ca-rsa2048-g1, rds-ca-rsa4096-g1 or rds-ca-ecc384-g1)",
        rule: "RDS 12", anchors: "CKV_AWS_211",
        types: [T.rdsInstance],
        validate: (p, report) => {
            if (!p.caCertIdentifier || !/^rds-ca-(rsa2048|rsa4096|ecc384)-g1$/.test(p.caCertIdentifier)) report(`caCertIdentifier is ${p.caCertIdentifier ?? "unset"}: set rds-ca-rsa2048-g1 explicitly`);
        },
    }),
    resourcePolicy({
        name: "rds-auto-minor-upgrade", family: rds, enforcementLevel: "advisory",
        checks: "Minor engine versions are upgraded automatically in the maintenance window",
        rule: "RDS 13", anchors: "CKV_AWS_226",
        types: [T.rdsInstance],
        validate: (p, report) => {
            if (falsy(p.autoMinorVersionUpgrade)) report("autoMinorVersionUpgrade is off: security fixes wait for a manual upgrade");
        },
    }),
    resourcePolicy({
        name: "rds-performance-insights", family: rds, enforcementLevel: "advisory",
        checks: "Performance Insights is on and encrypted with a customer-managed key",
        rule: "RDS 14-15", anchors: "CKV_AWS_353, CKV_AWS_354",
        types: [T.rdsInstance],
        validate: (p, report) => {
            if (!truthy(p.performanceInsightsEnabled)) report("performanceInsightsEnabled is off");
            else if (!p.performanceInsightsKmsKeyId) report("Performance Insights data uses the AWS-managed key: set performanceInsightsKmsKeyId");
        },
    }),
    resourcePolicy({
        name: "rds-copy-tags-to-snapshots", family: rds, enforcementLevel: "advisory",
        checks: "Snapshots carry the instance's tags (ownership and cost)",
        rule: "RDS 16", anchors: "CKV2_AWS_60",
        types: [T.rdsInstance],
        validate: (p, report) => {
            if (!truthy(p.copyTagsToSnapshot)) report("copyTagsToSnapshot is off: snapshots lose owner and cost tags");
        },
    }),
    resourcePolicy({
        name: "rds-engine-version-supported", family: rds, enforcementLevel: "mandatory",
        checks: "PostgreSQL runs a supported major (14 or later) at or above the minimum minors AWS requires",
        rule: "RDS 17", anchors: "CKV_AWS_250/388",
        config: schema({ minimumMinors: { type: "array", items: { type: "string" }, default: ["14.20", "15.15", "16.11", "17.7", "18.1"], description: "lowest allowed minor per major" } }),
        types: [T.rdsInstance],
        validate: (p, report, config) => {
            if (p.engine !== "postgres" || !p.engineVersion) return;
            const [major, minor] = String(p.engineVersion).split(".").map(Number);
            if (major < 14) { report(`PostgreSQL ${p.engineVersion} is past end of support: use 16 or later`); return; }
            const floor = (config.minimumMinors as string[]).find((v) => Number(v.split(".")[0]) === major);
            if (floor && minor !== undefined && !isNaN(minor) && minor < Number(floor.split(".")[1])) report(`PostgreSQL ${p.engineVersion} is below ${floor}, the oldest minor AWS supports for ${major}`);
        },
    }),
    resourcePolicy({
        name: "rds-approved-class", family: rds, enforcementLevel: "advisory",
        checks: "Instance class and storage type are approved (current-generation classes, gp3 storage)",
        rule: "Tags and cost 4", anchors: "PX",
        types: [T.rdsInstance],
        validate: (p, report) => {
            if (p.storageType && p.storageType !== "gp3" && p.storageType !== "io2") report(`storageType ${p.storageType}: use gp3`);
            if (p.instanceClass && /^db\.(t2|m4|r4|m3|r3)\./.test(p.instanceClass)) report(`${p.instanceClass} is a previous-generation class`);
        },
    }),
    resourcePolicy({
        name: "elasticache-at-rest-encryption", family: cache, enforcementLevel: "mandatory",
        checks: "Redis is encrypted at rest with a customer-managed key",
        rule: "ElastiCache Redis 1, 4", anchors: "CKV_AWS_29, CKV_AWS_191",
        types: [T.cacheReplicationGroup],
        validate: (p, report) => {
            if (!truthy(p.atRestEncryptionEnabled)) report("atRestEncryptionEnabled is off: snapshots and swap are stored in clear");
            else if (!p.kmsKeyId) report("at-rest encryption uses the AWS-managed key: set kmsKeyId");
        },
    }),
    resourcePolicy({
        name: "elasticache-in-transit-encryption", family: cache, enforcementLevel: "mandatory",
        checks: "Redis requires TLS in transit",
        rule: "ElastiCache Redis 2", anchors: "CKV_AWS_30",
        types: [T.cacheReplicationGroup],
        validate: (p, report) => {
            if (!truthy(p.transitEncryptionEnabled)) report("transitEncryptionEnabled is off: clients talk to Redis in clear text");
            else if (p.transitEncryptionMode === "preferred") report("transitEncryptionMode is preferred: clients may still connect without TLS; set required");
        },
    }),
    resourcePolicy({
        name: "elasticache-auth", family: cache, enforcementLevel: "mandatory",
        checks: "Redis requires authentication (RBAC user group or AUTH token) over TLS",
        rule: "ElastiCache Redis 3", anchors: "CKV_AWS_31",
        types: [T.cacheReplicationGroup],
        validate: (p, report) => {
            if (asArray(p.userGroupIds).length === 0 && !p.authToken) report("no user group and no auth token: anyone who reaches the port can read and write the cache");
        },
    }),
    resourcePolicy({
        name: "elasticache-multi-az", family: cache, enforcementLevel: "mandatory",
        checks: "Redis is Multi-AZ with automatic failover and at least two nodes (production)",
        rule: "ElastiCache Redis 5", anchors: "CKV2_AWS_50",
        config: multiAz, types: [T.cacheReplicationGroup],
        validate: (p, report, config) => {
            if (!config.required) return;
            if (!truthy(p.multiAzEnabled) || !truthy(p.automaticFailoverEnabled)) report("multiAzEnabled and automaticFailoverEnabled must both be on in production");
            if ((num(p.numCacheClusters) ?? 1) < 2) report(`numCacheClusters is ${p.numCacheClusters ?? 1}: failover needs a replica`);
        },
    }),
    resourcePolicy({
        name: "elasticache-snapshot-retention", family: cache, enforcementLevel: "mandatory",
        checks: "Redis snapshots are kept N days (production 7)",
        rule: "ElastiCache Redis 6", anchors: "CKV_AWS_134",
        config: schema({ minimumDays: { type: "integer", default: 7, minimum: 0, description: "shortest snapshotRetentionLimit" } }),
        types: [T.cacheReplicationGroup],
        validate: (p, report, config) => {
            const days = num(p.snapshotRetentionLimit) ?? 0;
            if (days < config.minimumDays) report(`snapshotRetentionLimit is ${days}: this environment keeps at least ${config.minimumDays} days`);
        },
    }),
    resourcePolicy({
        name: "elasticache-auto-minor-upgrade", family: cache, enforcementLevel: "advisory",
        checks: "Minor engine versions are upgraded automatically",
        rule: "ElastiCache Redis 7", anchors: "CKV_AWS_322",
        types: [T.cacheReplicationGroup],
        validate: (p, report) => {
            if (falsy(p.autoMinorVersionUpgrade)) report("autoMinorVersionUpgrade is off");
        },
    }),
    resourcePolicy({
        name: "elasticache-own-subnet-group", family: cache, enforcementLevel: "mandatory",
        checks: "Redis is not in the default subnet group",
        rule: "ElastiCache Redis 8", anchors: "CKV_AWS_323",
        types: [T.cacheReplicationGroup],
        validate: (p, report) => {
            if (!p.subnetGroupName || p.subnetGroupName === "default") report("the cache uses the default subnet group (the default VPC's subnets): give it the database subnets");
        },
    }),
    resourcePolicy({
        name: "elasticache-final-snapshot", family: cache, enforcementLevel: "mandatory",
        checks: "Deleting the cache takes a final snapshot (production)",
        rule: "none", anchors: "none (environment-aware)",
        config: schema({ required: { type: "boolean", default: true, description: "require finalSnapshotIdentifier (production)" } }),
        types: [T.cacheReplicationGroup],
        validate: (p, report, config) => {
            if (config.required && !p.finalSnapshotIdentifier) report("no finalSnapshotIdentifier: deleting the cache would keep no copy");
        },
    }),
    stackPolicy({
        name: "data-in-database-subnets", family: "stack", enforcementLevel: "mandatory",
        checks: "Databases and caches are placed only in database subnets (Tier=database, no route to the internet)",
        rule: "Tier rules", anchors: "none (cross-resource)",
        validate: (resources, report) => {
            for (const group of resources.filter((r) => r.type === T.rdsSubnetGroup || r.type === T.cacheSubnetGroup)) {
                const users = resources.filter((r) => (r.type === T.rdsInstance && (refersTo(r, "dbSubnetGroupName", group) || r.props.dbSubnetGroupName === group.props.name))
                    || (r.type === T.cacheReplicationGroup && (refersTo(r, "subnetGroupName", group) || r.props.subnetGroupName === group.props.name)));
                const subnets = (group.propertyDependencies.subnetIds ?? []).filter((s) => s.type === T.subnet);
                for (const subnet of subnets) {
                    const tier = (subnet.props.tags ?? {}).Tier;
                    const internet = tablesOfSubnet(resources, subnet).some((t) => resources.some((r) => r.type === T.route && refersTo(r, "routeTableId", t) && isInternetCidr(r.props.destinationCidrBlock)));
                    if (tier !== "database" || internet) {
                        report(`subnet group ${group.name}${users.length ? ` (of ${users.map((u) => u.name).join(", ")})` : ""} includes ${subnet.name}, which is ${tier !== "database" ? `a ${tier ?? "untagged"} subnet` : "routed to the internet"}: use only the database subnets`, group.urn);
                    }
                }
            }
            for (const db of resources.filter((r) => r.type === T.rdsInstance && !r.props.dbSubnetGroupName)) {
                report(`database ${db.name} has no dbSubnetGroupName: it lands in the default VPC`, db.urn);
            }
        },
    }),
    stackPolicy({
        name: "data-reachable-only-from-nodes", family: "stack", enforcementLevel: "mandatory",
        checks: "The security groups of databases and caches admit only their port (5432 / 6379) and only from the node group's security group",
        rule: "Tier rules", anchors: "none (cross-resource)",
        validate: (resources, report) => {
            const nodeGroups = nodeSecurityGroups(resources);
            const targets: [PolicyResource, string, number][] = [
                ...resources.filter((r) => r.type === T.rdsInstance).map((r) => [r, "vpcSecurityGroupIds", num(r.props.port) ?? 5432] as [PolicyResource, string, number]),
                ...resources.filter((r) => r.type === T.cacheReplicationGroup).map((r) => [r, "securityGroupIds", num(r.props.port) ?? 6379] as [PolicyResource, string, number]),
            ];
            for (const [store, property, port] of targets) {
                const groups = (store.propertyDependencies[property] ?? []).filter((g) => g.type === T.securityGroup);
                if (groups.length === 0) report(`${store.name} names no security group of this stack: it gets the VPC's default group`, store.urn);
                for (const sg of groups) {
                    if ((sg.props.ingress ?? []).length > 0) report(`security group ${sg.name} of ${store.name} has inline ingress rules: declare each as a rule resource from the node group`, sg.urn);
                    for (const rule of resources.filter((r) => (r.type === T.ingressRule || (r.type === T.securityGroupRule && r.props.type === "ingress")) && refersTo(r, "securityGroupId", sg))) {
                        const from = rule.propertyDependencies.referencedSecurityGroupId?.[0] ?? rule.propertyDependencies.sourceSecurityGroupId?.[0];
                        const cidr = rule.props.cidrIpv4 ?? rule.props.cidrIpv6 ?? asArray(rule.props.cidrBlocks)[0];
                        const fromPort = num(rule.props.fromPort);
                        const toPort = num(rule.props.toPort);
                        if (cidr !== undefined || !from || !nodeGroups.has(from.urn)) {
                            report(`rule ${rule.name} admits ${cidr ?? (from ? `group ${from.name}` : "an unknown source")} to ${store.name}: only the node group's security group may connect`, rule.urn);
                        } else if (fromPort !== port || toPort !== port) {
                            report(`rule ${rule.name} opens ${rule.props.fromPort}-${rule.props.toPort} to ${store.name}: open only ${port}`, rule.urn);
                        }
                    }
                }
            }
        },
    }),
];

/** An RDS instance created as a read replica of another (replicateSourceDb). */
function isReadReplica(props: Record<string, any>): boolean {
    return props.replicateSourceDb !== undefined && props.replicateSourceDb !== null && props.replicateSourceDb !== "";
}

/** Security groups the nodes run with: those of launch templates used by node groups, and node groups' remote-access groups. */
export function nodeSecurityGroups(resources: PolicyResource[]): Set<string> {
    const out = new Set<string>();
    for (const ng of resources.filter((r) => r.type === T.nodeGroup)) {
        for (const lt of (ng.propertyDependencies.launchTemplate ?? []).filter((r) => r.type === T.launchTemplate)) {
            for (const deps of [lt.propertyDependencies.networkInterfaces ?? [], lt.propertyDependencies.vpcSecurityGroupIds ?? []]) {
                for (const sg of deps.filter((d) => d.type === T.securityGroup)) out.add(sg.urn);
            }
        }
    }
    return out;
}
