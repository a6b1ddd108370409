// CloudWatch log groups and Secrets Manager secrets.
import { PlatformPolicy, resourcePolicy, schema, stackPolicy } from "../lib/policy";
import { T } from "../lib/types";
import { num } from "../lib/values";

export const logsAndSecretsPolicies: PlatformPolicy[] = [
    resourcePolicy({
        name: "log-group-retention", family: "logs", enforcementLevel: "mandatory",
        checks: "Log groups set a retention of at least N days (production 30, staging 7); never \"forever\" by omission",
        rule: "CloudWatch log groups 1", anchors: "CKV_AWS_66",
        config: schema({ minimumDays: { type: "integer", default: 30, minimum: 1, description: "shortest retentionInDays" } }),
        types: [T.logGroup],
        validate: (p, report, config) => {
            const days = num(p.retentionInDays);
            if (days === undefined || days === 0) report("retentionInDays is not set: logs are kept (and billed) forever; set a retention");
            else if (days < config.minimumDays) report(`retentionInDays is ${days}: this environment keeps logs at least ${config.minimumDays} days`);
        },
    }),
    resourcePolicy({
        name: "log-group-retention-audit-logs", family: "logs", enforcementLevel: "mandatory",
        checks: "Audit trails (EKS control-plane logs, VPC flow logs) are kept at least a year in production",
        rule: "CloudWatch log groups 1", anchors: "CKV_AWS_338",
        config: schema({
            minimumDays: { type: "integer", default: 365, minimum: 1, description: "shortest retentionInDays of audit log groups" },
            prefixes: { type: "array", items: { type: "string" }, default: ["/aws/eks/", "/aws/vpc/"], description: "name prefixes of audit log groups" },
        }),
        types: [T.logGroup],
        validate: (p, report, config) => {
            if (!(config.prefixes as string[]).some((x) => String(p.name ?? "").startsWith(x))) return;
            const days = num(p.retentionInDays) ?? 0;
            if (days !== 0 && days < config.minimumDays) report(`${p.name} is an audit trail kept ${days} days: this environment keeps audit logs at least ${config.minimumDays}`);
        },
    }),
    resourcePolicy({
        name: "log-group-encrypted", family: "logs", enforcementLevel: "mandatory",
        checks: "Log groups are encrypted with a customer-managed KMS key",
        rule: "CloudWatch log groups 2", anchors: "CKV_AWS_158",
        types: [T.logGroup],
        validate: (p, report) => {
            if (!p.kmsKeyId) report("no kmsKeyId: log data is encrypted only with a CloudWatch-owned key; set a customer-managed key");
        },
    }),
    stackPolicy({
        name: "log-groups-for-services", family: "logs", enforcementLevel: "mandatory",
        checks: "Log groups AWS writes to (EKS control plane, VPC flow logs, Redis slow log) are created by the program, so retention and encryption apply to them",
        rule: "CloudWatch log groups 1-2", anchors: "none (cross-resource)",
        validate: (resources, report) => {
            const names = new Set(resources.filter((r) => r.type === T.logGroup).map((r) => r.props.name));
            for (const c of resources.filter((r) => r.type === T.eksCluster && (r.props.enabledClusterLogTypes ?? []).length > 0)) {
                const expected = `/aws/eks/${c.props.name}/cluster`;
                if (!names.has(expected)) report(`cluster ${c.name} logs to ${expected}, which EKS would create without retention or encryption: declare the log group`, c.urn);
            }
            for (const f of resources.filter((r) => r.type === T.flowLog && r.props.logDestinationType === "cloud-watch-logs")) {
                const dest = f.propertyDependencies.logDestination?.find((d) => d.type === T.logGroup);
                if (!dest) report(`flow log ${f.name} writes to a log group the program does not manage`, f.urn);
            }
            for (const g of resources.filter((r) => r.type === T.cacheReplicationGroup)) {
                for (const d of (g.props.logDeliveryConfigurations ?? []).filter((d: any) => d.destinationType === "cloudwatch-logs")) {
                    if (!names.has(d.destination)) report(`cache ${g.name} delivers ${d.logType} to ${d.destination}, which the program does not manage`, g.urn);
                }
            }
        },
    }),
    resourcePolicy({
        name: "secret-encrypted-cmk", family: "secrets manager", enforcementLevel: "mandatory",
        checks: "Secrets are encrypted with a customer-managed KMS key",
        rule: "none", anchors: "CKV_AWS_149",
        types: [T.secret],
        validate: (p, report) => {
            if (!p.kmsKeyId) report("no kmsKeyId: the secret uses aws/secretsmanager, which every principal with secretsmanager access can decrypt through");
        },
    }),
    resourcePolicy({
        name: "secret-recovery-window", family: "secrets manager", enforcementLevel: "mandatory",
        checks: "Deleted secrets stay recoverable for N days (production 30; staging 0, so that destroy then up can reuse the names)",
        rule: "none", anchors: "none (environment-aware)",
        config: schema({ minimumDays: { type: "integer", default: 30, minimum: 0, description: "shortest recoveryWindowInDays" } }),
        types: [T.secret],
        validate: (p, report, config) => {
            const days = num(p.recoveryWindowInDays) ?? 30;
            if (days < config.minimumDays) report(`recoveryWindowInDays is ${days}: this environment needs at least ${config.minimumDays}`);
        },
    }),
    resourcePolicy({
        name: "secret-no-plaintext-password", family: "secrets manager", enforcementLevel: "mandatory",
        checks: "Secret values written by the program carry no password or key in the plan (passwords are managed by AWS or injected as Pulumi secrets)",
        rule: "none", anchors: "none (best practice)",
        types: [T.secretVersion],
        validate: (p, report) => {
            if (typeof p.secretString !== "string") return; // a Pulumi secret arrives as a secret, not a string
            let v: any;
            try { v = JSON.parse(p.secretString); } catch { v = undefined; }
            const keys = v && typeof v === "object" ? Object.keys(v).filter((k) => /password|secret|token|private_?key/i.test(k)) : [];
            if (keys.length > 0) report(`secretString holds ${keys.join(", ")} in plain text: pass it as a Pulumi secret (pulumi.secret) or let AWS manage it`);
        },
    }),
];
