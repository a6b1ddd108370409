// The account's audit trail (CloudTrail): what makes its record complete and trustworthy as evidence.
import { PlatformPolicy, resourcePolicy } from "../lib/policy";
import { T } from "../lib/types";
import { falsy, truthy } from "../lib/values";

const family = "audit trail";

export const auditTrailPolicies: PlatformPolicy[] = [
    resourcePolicy({
        name: "cloudtrail-log-file-validation", family, enforcementLevel: "mandatory",
        checks: "The trail writes digest files (enableLogFileValidation), so a log file changed or deleted after delivery is detected",
        rule: "none", anchors: "CKV_AWS_36, CIS-A 3.2",
        types: [T.trail],
        validate: (p, report) => {
            if (!truthy(p.enableLogFileValidation)) report("enableLogFileValidation is off: nobody can prove the log files were not altered; turn it on");
        },
    }),
    resourcePolicy({
        name: "cloudtrail-multi-region", family, enforcementLevel: "mandatory",
        checks: "The trail records every region and the global services (isMultiRegionTrail, includeGlobalServiceEvents), and logging is on",
        rule: "none", anchors: "CKV_AWS_67, CIS-A 3.1",
        types: [T.trail],
        validate: (p, report) => {
            if (!truthy(p.isMultiRegionTrail)) report("isMultiRegionTrail is off: API calls in other regions (where an intruder would go) are not recorded; turn it on");
            if (falsy(p.includeGlobalServiceEvents)) report("includeGlobalServiceEvents is off: IAM and STS calls are not recorded; turn it on");
            if (falsy(p.enableLogging)) report("enableLogging is off: the trail records nothing");
        },
    }),
    resourcePolicy({
        name: "cloudtrail-encrypted", family, enforcementLevel: "mandatory",
        checks: "Log files are encrypted with a customer-managed KMS key (kmsKeyId)",
        rule: "none", anchors: "CKV_AWS_35, CIS-A 3.7",
        types: [T.trail],
        validate: (p, report) => {
            if (!p.kmsKeyId) report("no kmsKeyId: log files are encrypted only with S3-managed keys, readable by anyone who can read the bucket; set the audit key");
        },
    }),
];
