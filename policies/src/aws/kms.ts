// KMS customer-managed keys.
import { PlatformPolicy, resourcePolicy, schema, stackPolicy } from "../lib/policy";
import { T } from "../lib/types";
import { label, principals, statements } from "../lib/iam";
import { falsy, num, truthy } from "../lib/values";

const family = "kms";

export const kmsPolicies: PlatformPolicy[] = [
    resourcePolicy({
        name: "kms-key-rotation", family, enforcementLevel: "mandatory",
        checks: "Symmetric keys rotate their key material yearly (enableKeyRotation)",
        rule: "KMS 1", anchors: "AG cmk-backing-key-rotation-enabled, CKV_AWS_7, CIS-A 3.6",
        types: [T.kmsKey],
        validate: (p, report) => {
            const symmetric = !p.customerMasterKeySpec || p.customerMasterKeySpec === "SYMMETRIC_DEFAULT";
            if (symmetric && !truthy(p.enableKeyRotation)) report("enableKeyRotation is off: turn on yearly rotation");
        },
    }),
    resourcePolicy({
        name: "kms-key-policy-explicit", family, enforcementLevel: "mandatory",
        checks: "Every key has an explicit key policy (the default lets any IAM policy of the account use it)",
        rule: "KMS 2", anchors: "CKV2_AWS_64",
        types: [T.kmsKey],
        validate: (p, report) => {
            if (!p.policy) report("the key has no policy of its own: write one that names administrators and the services that may use the key");
        },
    }),
    resourcePolicy({
        name: "kms-no-wildcard-principal", family, enforcementLevel: "mandatory",
        checks: "No key policy statement allows Principal \"*\" without a condition",
        rule: "KMS 3", anchors: "CKV_AWS_33",
        types: [T.kmsKey],
        validate: (p, report) => {
            statements(p.policy).filter((s) => s.Effect === "Allow").forEach((s, i) => {
                if (principals(s).includes("*") && !s.Condition) report(`key policy ${label(s, i)} allows any principal: name the account or role`);
            });
        },
    }),
    resourcePolicy({
        name: "kms-lockout-check", family, enforcementLevel: "mandatory",
        checks: "The key-policy lockout safety check is not bypassed",
        rule: "KMS 4", anchors: "PC",
        types: [T.kmsKey],
        validate: (p, report) => {
            if (truthy(p.bypassPolicyLockoutSafetyCheck)) report("bypassPolicyLockoutSafetyCheck is true: a wrong policy could make the key unmanageable");
        },
    }),
    resourcePolicy({
        name: "kms-key-enabled", family, enforcementLevel: "mandatory",
        checks: "Keys are enabled (a disabled key makes the data under it unreadable)",
        rule: "KMS 5", anchors: "CKV_AWS_227",
        types: [T.kmsKey],
        validate: (p, report) => {
            if (falsy(p.isEnabled)) report("isEnabled is false: every resource encrypted with this key becomes unreadable");
        },
    }),
    resourcePolicy({
        name: "kms-key-description", family, enforcementLevel: "advisory",
        checks: "Keys have a description saying what they protect",
        rule: "KMS 6", anchors: "PC",
        types: [T.kmsKey],
        validate: (p, report) => {
            if (!p.description) report("the key has no description: say which data it protects");
        },
    }),
    resourcePolicy({
        name: "kms-deletion-window", family, enforcementLevel: "mandatory",
        checks: "Key deletion waits long enough to notice a mistake (production: 30 days)",
        rule: "none", anchors: "none (environment-aware)",
        config: schema({ minimumDays: { type: "integer", default: 30, minimum: 7, description: "shortest deletionWindowInDays" } }),
        types: [T.kmsKey],
        validate: (p, report, config) => {
            const days = num(p.deletionWindowInDays) ?? 30;
            if (days < config.minimumDays) report(`deletionWindowInDays is ${days}: this environment needs at least ${config.minimumDays}`);
        },
    }),
    stackPolicy({
        name: "kms-keys-in-use-rotated", family, enforcementLevel: "mandatory",
        checks: "Every KMS key of the stack that encrypts something (logs, disks, databases, buckets, secrets) rotates",
        rule: "KMS 1", anchors: "CKV_AWS_7 (cross-resource)",
        validate: (resources, report) => {
            for (const key of resources.filter((r) => r.type === T.kmsKey)) {
                const users = resources.filter((r) => r.type !== "aws:kms/alias:Alias" && Object.values(r.propertyDependencies).some((d) => d.some((x) => x.urn === key.urn)));
                if (users.length > 0 && !truthy(key.props.enableKeyRotation)) {
                    report(`key ${key.name} encrypts ${users.map((u) => u.name).join(", ")} but does not rotate`, key.urn);
                }
            }
        },
    }),
];
