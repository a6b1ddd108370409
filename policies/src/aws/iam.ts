// IAM roles, inline and managed policies, trust policies.
import { PlatformPolicy, resourcePolicy, schema, stackPolicy } from "../lib/policy";
import { T } from "../lib/types";
import { actionMatches, actions, allows, conditionValues, label, principals, resources, Statement, statements } from "../lib/iam";
import { refersTo } from "../lib/graph";

const family = "iam";
const POLICY_TYPES = [T.iamRolePolicy, T.iamPolicy, T.iamUserPolicy];

/** Actions that only make sense on "*" (AWS offers no resource-level permission for them). */
const RESOURCE_LESS = [
    "ec2:Describe*", "autoscaling:Describe*", "elasticloadbalancing:Describe*", "ecr:GetAuthorizationToken",
    "sts:GetCallerIdentity", "cloudwatch:PutMetricData", "cloudwatch:GetMetricData", "cloudwatch:ListMetrics",
    "cloudwatch:GetMetricStatistics", "cloudwatch:DescribeAlarmsForMetric", "logs:StopQuery",
    "logs:DescribeLogGroups", "iam:ListServerCertificates", "acm:ListCertificates", "acm:DescribeCertificate",
    "wafv2:GetWebACL", "wafv2:GetWebACLForResource", "waf-regional:GetWebACL", "waf-regional:GetWebACLForResource",
    "shield:GetSubscriptionState", "shield:DescribeProtection", "cognito-idp:DescribeUserPoolClient",
    "ec2:GetSecurityGroupsForVpc", "ec2:CreateSecurityGroup", "ec2:CreateTags", "elasticloadbalancing:CreateLoadBalancer",
    "elasticloadbalancing:CreateTargetGroup", "ec2:CreateSnapshot", "ec2:CreateVolume", "ec2:CreateSnapshots",
    "ec2:DeleteSnapshot", "ec2:DeleteVolume", "ec2:AttachVolume", "ec2:DetachVolume", "ec2:ModifyVolume",
    "ec2:EnableFastSnapshotRestores", "ec2:CopySnapshot", "s3:ListAllMyBuckets", "secretsmanager:ListSecrets",
    "secretsmanager:BatchGetSecretValue", "autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup",
    "eks:DescribeNodegroup", "ssm:DescribeParameters", "kms:ListAliases", "tag:GetResources",
    "ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress", "ec2:DeleteSecurityGroup",
    "elasticloadbalancing:*", "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface", "ec2:AssignPrivateIpAddresses",
    "ec2:UnassignPrivateIpAddresses", "ec2:ModifyNetworkInterfaceAttribute", "ec2:AttachNetworkInterface", "ec2:DetachNetworkInterface",
    "ec2:AssignIpv6Addresses", "ec2:UnassignIpv6Addresses",
    // Route 53 lists an account's zones with no resource type (Service Authorization Reference): external-dns finds its zone.
    "route53:ListHostedZones",
];

const ESCALATION = ["iam:CreatePolicyVersion", "iam:SetDefaultPolicyVersion", "iam:AttachRolePolicy", "iam:AttachUserPolicy", "iam:AttachGroupPolicy",
    "iam:PutRolePolicy", "iam:PutUserPolicy", "iam:PutGroupPolicy", "iam:CreateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile",
    "iam:UpdateAssumeRolePolicy", "iam:AddUserToGroup", "lambda:UpdateFunctionCode"];
const CREDENTIALS = ["iam:CreateAccessKey", "iam:UpdateAccessKey", "iam:CreateLoginProfile", "iam:UpdateLoginProfile", "sts:GetFederationToken",
    "ecr:GetAuthorizationToken", "redshift:GetClusterCredentials", "iam:CreateServiceSpecificCredential", "iam:ResetServiceSpecificCredential"];
const EXFILTRATION = ["s3:GetObject", "ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath", "secretsmanager:GetSecretValue", "kms:Decrypt"];
const PERMISSIONS_MGMT = ["iam:Put*Policy", "iam:Attach*Policy", "iam:Detach*Policy", "iam:CreatePolicy*", "iam:DeletePolicy*", "iam:SetDefaultPolicyVersion",
    "iam:UpdateAssumeRolePolicy", "s3:PutBucketPolicy", "s3:PutBucketAcl", "kms:PutKeyPolicy", "kms:CreateGrant", "secretsmanager:PutResourcePolicy"];
const WRITE = ["s3:PutObject", "s3:DeleteObject", "dynamodb:PutItem", "sqs:SendMessage", "sns:Publish", "ec2:RunInstances", "ec2:TerminateInstances",
    "rds:DeleteDBInstance", "iam:CreateRole", "iam:DeleteRole", "kms:ScheduleKeyDeletion", "logs:DeleteLogGroup"];

function docOf(type: string, p: Record<string, any>): unknown {
    return type === T.iamRole ? undefined : p.policy;
}

/** Statements of inline policies on a role (inlinePolicies[].policy) as well as of policy resources. */
function allowedStatements(type: string, p: Record<string, any>): Statement[] {
    const docs = type === T.iamRole ? (p.inlinePolicies ?? []).map((i: any) => i.policy) : [docOf(type, p)];
    return docs.flatMap((d: unknown) => allows(d));
}

/** Actions granted on "*" by `s`, that are among `sensitive` (wildcards of either side expand). */
function sensitiveOnStar(s: Statement, sensitive: string[]): string[] {
    if (!resources(s).includes("*")) return [];
    const out = new Set<string>();
    for (const a of actions(s)) {
        for (const x of sensitive) {
            if (actionMatches(a, x) || actionMatches(x, a)) out.add(a);
        }
    }
    return [...out];
}

function scopeChecks(name: string, checks: string, rule: string, anchors: string, sensitive: string[], what: string): PlatformPolicy {
    return resourcePolicy({
        name, family, enforcementLevel: "mandatory", checks, rule, anchors,
        types: [...POLICY_TYPES, T.iamRole],
        validate: (p, report, _c, args) => {
            allowedStatements(args.type, p).forEach((s, i) => {
                const found = sensitiveOnStar(s, sensitive);
                if (found.length > 0) report(`${label(s, i)} allows ${found.join(", ")} on every resource (${what}): name the resources`);
            });
        },
    });
}

export const iamPolicies: PlatformPolicy[] = [
    resourcePolicy({
        name: "iam-no-admin-policy", family, enforcementLevel: "mandatory",
        checks: "No policy allows Action \"*\" on Resource \"*\" (full administrator)",
        rule: "IAM 1", anchors: "CKV_AWS_1/62, CIS-A 1.16",
        types: [...POLICY_TYPES, T.iamRole],
        validate: (p, report, _c, args) => {
            allowedStatements(args.type, p).forEach((s, i) => {
                if (actions(s).includes("*") && resources(s).includes("*")) report(`${label(s, i)} allows "*" on "*": that is full administrator access`);
            });
        },
    }),
    resourcePolicy({
        name: "iam-no-wildcard-action", family, enforcementLevel: "mandatory",
        checks: "No Allow statement uses Action \"*\" or a whole-service wildcard such as \"s3:*\"",
        rule: "IAM 2, IAM 12", anchors: "CKV_AWS_49/63, AWS-0345",
        types: [...POLICY_TYPES, T.iamRole],
        validate: (p, report, _c, args) => {
            allowedStatements(args.type, p).forEach((s, i) => {
                const wild = actions(s).filter((a) => a === "*" || /^[a-z0-9-]+:\*$/i.test(a));
                if (wild.length > 0) report(`${label(s, i)} allows ${wild.join(", ")}: list the actions the role needs`);
                if (s.NotAction !== undefined) report(`${label(s, i)} allows with NotAction: that grants every other action; list actions instead`);
            });
        },
    }),
    resourcePolicy({
        name: "iam-no-wildcard-resource", family, enforcementLevel: "mandatory",
        checks: "Actions that support resource-level permissions are not granted on Resource \"*\" (only actions AWS cannot scope may use \"*\")",
        rule: "IAM 3", anchors: "CKV_AWS_355/356",
        config: schema({ exempt: { type: "array", items: { type: "string" }, default: [], description: "logical names of policies kept verbatim from an upstream project (each listed with its reason in docs/policies.md)" } }),
        types: [...POLICY_TYPES, T.iamRole],
        validate: (p, report, config, args) => {
            if ((config.exempt as string[]).includes(args.name)) return;
            allowedStatements(args.type, p).forEach((s, i) => {
                if (!resources(s).includes("*") || s.Condition) return;
                const scopable = actions(s).filter((a) => !RESOURCE_LESS.some((r) => actionMatches(r, a)));
                if (scopable.length > 0) report(`${label(s, i)} grants ${scopable.join(", ")} on "*" without a condition: name the ARNs or add a condition (tags, ViaService)`);
            });
        },
    }),
    resourcePolicy({
        name: "iam-no-administrator-access", family, enforcementLevel: "mandatory",
        checks: "AdministratorAccess, PowerUserAccess and IAMFullAccess are never attached",
        rule: "IAM 4-5", anchors: "CKV_AWS_274, CKV2_AWS_40/56",
        types: [T.iamRolePolicyAttachment, T.iamUserPolicyAttachment, T.iamPolicyAttachment, T.iamRole],
        validate: (p, report, _c, args) => {
            const arns = args.type === T.iamRole ? (p.managedPolicyArns ?? []) : [p.policyArn];
            for (const arn of arns) {
                if (/:policy\/(AdministratorAccess|PowerUserAccess|IAMFullAccess)$/.test(String(arn))) report(`${String(arn).split("/").pop()} is attached: grant the actions the role needs instead`);
            }
        },
    }),
    scopeChecks("iam-no-privilege-escalation", "Actions that let a principal raise its own permissions are not granted on \"*\"", "IAM 6", "CKV_AWS_110/286", ESCALATION, "privilege escalation"),
    scopeChecks("iam-no-credentials-exposure", "Actions that mint or expose credentials are not granted on \"*\"", "IAM 7", "CKV_AWS_107", CREDENTIALS.filter((a) => a !== "ecr:GetAuthorizationToken"), "credentials exposure"),
    scopeChecks("iam-no-data-exfiltration", "Read actions on data (objects, parameters, secrets, decrypt) are not granted on \"*\"", "IAM 8", "CKV_AWS_108", EXFILTRATION, "data exfiltration"),
    scopeChecks("iam-no-permissions-management", "Actions that change permissions (policies, grants, ACLs) are not granted on \"*\"", "IAM 9", "CKV_AWS_109", PERMISSIONS_MGMT, "unconstrained permissions management"),
    scopeChecks("iam-no-unconstrained-write", "Destructive or write actions are not granted on \"*\"", "IAM 10", "CKV_AWS_111", WRITE, "unconstrained write"),
    resourcePolicy({
        name: "iam-passrole-scoped", family, enforcementLevel: "mandatory",
        checks: "iam:PassRole names the roles it may pass (and ideally iam:PassedToService)",
        rule: "IAM 11", anchors: "AWS-0342",
        types: [...POLICY_TYPES, T.iamRole],
        validate: (p, report, _c, args) => {
            allowedStatements(args.type, p).forEach((s, i) => {
                if (actions(s).some((a) => actionMatches(a, "iam:PassRole")) && resources(s).some((r) => r === "*" || r.endsWith(":role/*"))) {
                    report(`${label(s, i)} allows iam:PassRole on any role: name the role ARNs`);
                }
            });
        },
    }),
    resourcePolicy({
        name: "iam-trust-specific-principals", family, enforcementLevel: "mandatory",
        checks: "Trust policies name specific principals (never \"*\"), and service principals are bound to this account or cluster by a condition",
        rule: "IAM 13", anchors: "CKV_AWS_60/61/283",
        config: schema({ servicesWithoutSourceContext: { type: "array", items: { type: "string" }, default: ["ec2.amazonaws.com", "eks.amazonaws.com"], description: "service principals that send no aws:SourceAccount/SourceArn when they assume a role (EC2 instance profiles, the EKS control plane): a condition on them would break the role" } }),
        types: [T.iamRole],
        validate: (p, report, config) => {
            statements(p.assumeRolePolicy).filter((s) => s.Effect === "Allow").forEach((s, i) => {
                const who = principals(s);
                if (who.includes("*")) report(`trust ${label(s, i)} lets any principal assume the role: name the principal`);
                const services: string[] = typeof s.Principal === "object" && s.Principal.Service ? [].concat(s.Principal.Service) : [];
                if (services.length > 0 && !s.Condition && !services.every((x) => (config.servicesWithoutSourceContext as string[]).includes(x))) {
                    report(`trust ${label(s, i)} lets ${[].concat(s.Principal.Service).join(", ")} assume the role for any account (confused deputy): add an aws:SourceAccount or aws:SourceArn condition`);
                }
            });
        },
    }),
    resourcePolicy({
        name: "iam-oidc-trust-scoped", family, enforcementLevel: "mandatory",
        checks: "Web-identity (IRSA) trust is scoped by both the :sub (namespace and service account) and :aud claims",
        rule: "IAM 14", anchors: "CKV_AWS_358",
        types: [T.iamRole],
        validate: (p, report) => {
            statements(p.assumeRolePolicy).filter((s) => s.Effect === "Allow" && s.Principal?.Federated).forEach((s, i) => {
                const keys = Object.values(s.Condition ?? {}).flatMap((o) => Object.keys(o ?? {}));
                const sub = keys.find((k) => k.endsWith(":sub"));
                const aud = keys.find((k) => k.endsWith(":aud"));
                if (!sub || !aud) report(`trust ${label(s, i)} for ${s.Principal.Federated} lacks ${[!sub ? ":sub" : "", !aud ? ":aud" : ""].filter((x) => x).join(" and ")} conditions: any workload of the issuer could assume the role`);
                else if (conditionValues(s, sub).some((v) => v.includes("*"))) report(`trust ${label(s, i)}: the :sub condition has a wildcard; name system:serviceaccount:<namespace>:<name>`);
            });
        },
    }),
    resourcePolicy({
        name: "iam-no-user-policies", family, enforcementLevel: "mandatory",
        checks: "Permissions are given to roles, never to IAM users directly",
        rule: "IAM 15", anchors: "CKV_AWS_40, CIS-A 1.15",
        types: [T.iamUserPolicy, T.iamUserPolicyAttachment, T.iamUser],
        validate: (_p, report, _c, args) => {
            report(args.type === T.iamUser
                ? "an IAM user is created: people and workloads use roles (SSO, Pod Identity), not long-lived users"
                : "a policy is attached to an IAM user: attach permissions to a role");
        },
    }),
    stackPolicy({
        name: "iam-no-policy-management-conflicts", family, enforcementLevel: "mandatory",
        checks: "A role that declares inlinePolicies or managedPolicyArns has no separate RolePolicy/RolePolicyAttachment resources (Pulumi would remove them on the next update)",
        rule: "IAM 16", anchors: "AG iam-role-no-policy-management-conflicts",
        validate: (resources, report) => {
            for (const role of resources.filter((r) => r.type === T.iamRole)) {
                const inline = (role.props.inlinePolicies ?? []).length > 0;
                const managed = (role.props.managedPolicyArns ?? []).length > 0;
                const rolePolicies = resources.filter((r) => r.type === T.iamRolePolicy && refersTo(r, "role", role));
                const attachments = resources.filter((r) => r.type === T.iamRolePolicyAttachment && refersTo(r, "role", role));
                if (inline && rolePolicies.length > 0) report(`role ${role.name} has inlinePolicies and separate RolePolicy resources (${rolePolicies.map((r) => r.name).join(", ")}): they overwrite each other`, role.urn);
                if (managed && attachments.length > 0) report(`role ${role.name} has managedPolicyArns and separate RolePolicyAttachment resources (${attachments.map((r) => r.name).join(", ")}): they overwrite each other`, role.urn);
            }
        },
    }),
    stackPolicy({
        name: "pod-identity-trust-scoped", family, enforcementLevel: "mandatory",
        checks: "Every Pod Identity association's role trusts pods.eks.amazonaws.com only for that association's cluster, namespace and service account",
        rule: "none", anchors: "none (cross-resource)",
        validate: (resources, report) => {
            for (const assoc of resources.filter((r) => r.type === T.podIdentity)) {
                const role = assoc.propertyDependencies.roleArn?.find((r) => r.type === T.iamRole);
                if (!role) continue;
                const trust = statements(role.props.assumeRolePolicy).filter((s) => s.Effect === "Allow" && JSON.stringify(s.Principal ?? {}).includes("pods.eks.amazonaws.com"));
                if (trust.length === 0) {
                    report(`role ${role.name} of Pod Identity association ${assoc.name} does not trust pods.eks.amazonaws.com`, role.urn);
                    continue;
                }
                for (const s of trust) {
                    const ns = conditionValues(s, "aws:RequestTag/kubernetes-namespace");
                    const sa = conditionValues(s, "aws:RequestTag/kubernetes-service-account");
                    const cluster = conditionValues(s, "aws:SourceArn");
                    const problems: string[] = [];
                    if (ns.length !== 1 || ns[0] !== assoc.props.namespace) problems.push(`namespace condition ${JSON.stringify(ns)} instead of "${assoc.props.namespace}"`);
                    if (sa.length !== 1 || sa[0] !== assoc.props.serviceAccount) problems.push(`service-account condition ${JSON.stringify(sa)} instead of "${assoc.props.serviceAccount}"`);
                    if (cluster.length === 0) problems.push("no aws:SourceArn condition naming the cluster");
                    if (problems.length > 0) report(`role ${role.name} (Pod Identity ${assoc.props.namespace}/${assoc.props.serviceAccount}): ${problems.join("; ")}: any pod of another namespace or service account could assume it`, role.urn);
                }
            }
        },
    }),
];
