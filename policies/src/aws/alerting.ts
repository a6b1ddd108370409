// Resources added since the pack was first written: alert topic, alarms, budgets and anomaly alerts, the S3
// gateway endpoint, cache users, cross-region backup copies and EKS access policies.
import { PlatformPolicy, resourcePolicy, schema } from "../lib/policy";
import { T } from "../lib/types";
import { asArray, num, truthy } from "../lib/values";
import { allows, conditionValues, label, principals } from "../lib/iam";

const alerting = "alerting and cost";

export const alertingAndServicePolicies: PlatformPolicy[] = [
    resourcePolicy({
        name: "sns-topic-encrypted", family: alerting, enforcementLevel: "mandatory",
        checks: "SNS topics are encrypted with a customer-managed KMS key (CloudWatch and Budgets cannot publish to a topic under the AWS-managed key)",
        rule: "none", anchors: "CKV_AWS_26",
        types: [T.snsTopic],
        validate: (p, report) => {
            const key = String(p.kmsMasterKeyId ?? "");
            if (!key) report("no kmsMasterKeyId: messages are stored unencrypted; set a customer-managed key");
            else if (key === "alias/aws/sns") report("kmsMasterKeyId is the AWS-managed alias/aws/sns: alarms cannot publish to it and its policy cannot be scoped; use a customer-managed key");
        },
    }),
    resourcePolicy({
        name: "sns-topic-policy-scoped", family: alerting, enforcementLevel: "mandatory",
        checks: "Topic policies let a service or anyone publish only with aws:SourceAccount or aws:SourceArn (no confused deputy)",
        rule: "none", anchors: "CKV_AWS_385",
        types: [T.snsTopicPolicy],
        validate: (p, report) => {
            allows(p.policy).forEach((s, i) => {
                const open = principals(s).some((x) => x === "*" || x.endsWith(".amazonaws.com"));
                const scoped = conditionValues(s, "aws:SourceAccount").length > 0 || conditionValues(s, "aws:SourceArn").length > 0 || conditionValues(s, "aws:SourceOwner").length > 0;
                if (open && !scoped) report(`${label(s, i)} lets ${principals(s).join(", ")} publish for any account: add aws:SourceAccount or aws:SourceArn`);
            });
        },
    }),
    resourcePolicy({
        name: "alarm-notifies", family: alerting, enforcementLevel: "advisory",
        checks: "Every CloudWatch alarm has an alarm action (an alarm that notifies nobody is not monitoring)",
        rule: "none", anchors: "CKV_AWS_319",
        types: [T.metricAlarm],
        validate: (p, report) => {
            if (truthy(p.actionsEnabled === undefined ? true : p.actionsEnabled) && asArray(p.alarmActions).length > 0) return;
            report(`alarm ${p.name ?? ""} has no enabled alarmActions: nobody is told when it fires; send it to the alerts topic`);
        },
    }),
    resourcePolicy({
        name: "cost-alerts-have-subscribers", family: alerting, enforcementLevel: "mandatory",
        checks: "Budgets have notifications and every notification, like every anomaly subscription, reaches a subscriber",
        rule: "Tags and cost (budget alerts)", anchors: "none",
        types: [T.budget, T.anomalySubscription],
        validate: (p, report, _c, args) => {
            if (args.type === T.anomalySubscription) {
                if (asArray(p.subscribers).length === 0) report("the anomaly subscription has no subscribers: cost anomalies reach nobody");
                return;
            }
            const notifications = asArray<any>(p.notifications);
            if (notifications.length === 0) report("the budget has no notifications: overspending reaches nobody; add ACTUAL and FORECASTED alerts");
            notifications.forEach((n, i) => {
                if (asArray(n.subscriberSnsTopicArns).length + asArray(n.subscriberEmailAddresses).length === 0) report(`notification ${i + 1} (${n.notificationType ?? "?"} > ${n.threshold ?? "?"}) has no subscriber`);
            });
        },
    }),
    resourcePolicy({
        name: "vpc-endpoint-policy-scoped", family: "network", enforcementLevel: "advisory",
        checks: "VPC endpoint policies, when set, allow \"*\" principals only with a condition (the default policy allows full access through the endpoint)",
        rule: "none", anchors: "CKV_AWS_123 (interface), AWS VPC endpoint policies",
        types: [T.vpcEndpoint],
        validate: (p, report) => {
            allows(p.policy).forEach((s, i) => {
                if (principals(s).includes("*") && !s.Condition && asArray(s.Action).map(String).includes("*")) report(`${label(s, i)} allows every action to anyone through the endpoint: scope it (for example aws:PrincipalAccount)`);
            });
        },
    }),
    resourcePolicy({
        name: "elasticache-users-authenticated", family: "data", enforcementLevel: "mandatory",
        checks: "Cache users authenticate (IAM or password); the default user, which needs no password, is switched off",
        rule: "ElastiCache 3", anchors: "CKV_AWS_31 (AUTH)",
        types: [T.cacheUser],
        validate: (p, report) => {
            const on = /(^|\s)on(\s|$)/.test(String(p.accessString ?? ""));
            const noPassword = truthy(p.noPasswordRequired) || p.authenticationMode?.type === "no-password-required";
            if (noPassword && on) report(`user ${p.userName} needs no password and is on (accessString "${p.accessString}"): anyone who reaches the cache is this user; switch it off or use IAM`);
        },
    }),
    resourcePolicy({
        name: "rds-backup-replication-encrypted", family: "data", enforcementLevel: "mandatory",
        checks: "Backups copied to another region are encrypted with a key of that region and kept at least as long as at home",
        rule: "RDS 5", anchors: "CKV_AWS_245",
        config: schema({ minimumDays: { type: "integer", default: 30, minimum: 1, description: "shortest retentionPeriod of the copies (as rds-backup-retention)" } }),
        types: [T.rdsBackupReplication],
        validate: (p, report, config) => {
            if (!p.kmsKeyId) report("no kmsKeyId: an encrypted instance's backups cannot be copied, and copies would not be under the platform's key; set the destination region's key");
            const days = num(p.retentionPeriod) ?? 7;
            if (days < config.minimumDays) report(`the copies are kept ${days} days: this environment keeps backups at least ${config.minimumDays}`);
        },
    }),
    resourcePolicy({
        name: "eks-access-policy-scoped", family: "eks", enforcementLevel: "mandatory",
        checks: "EKS access policies scoped to namespaces name them, and only admin roles get AmazonEKSClusterAdminPolicy (by role name)",
        rule: "EKS cluster 7", anchors: "CIS-E 4.1.1",
        config: schema({ adminRolePattern: { type: "string", default: "admin", description: "a role name with cluster-admin contains this" } }),
        types: [T.eksAccessPolicyAssociation],
        validate: (p, report, config) => {
            const scope = p.accessScope ?? {};
            if (scope.type === "namespace" && asArray(scope.namespaces).length === 0) report("accessScope is namespace but names no namespaces");
            const role = String(p.principalArn ?? "").split("/").pop() ?? "";
            if (String(p.policyArn ?? "").endsWith("/AmazonEKSClusterAdminPolicy") && !role.toLowerCase().includes(String(config.adminRolePattern).toLowerCase())) {
                report(`${role} gets AmazonEKSClusterAdminPolicy: only admin roles are cluster-admin; give it AmazonEKSViewPolicy or a namespace-scoped policy`);
            }
        },
    }),
];
