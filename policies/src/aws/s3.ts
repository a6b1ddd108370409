// S3 buckets, following the aws 6.x split resources (BucketV2 plus one resource per setting),
// and the legacy inline aws.s3.Bucket that older packs know.
import { PolicyResource } from "@pulumi/policy";
import { PlatformPolicy, resourcePolicy, schema, stackPolicy } from "../lib/policy";
import { T } from "../lib/types";
import { label, principals, statements } from "../lib/iam";
import { asArray, truthy } from "../lib/values";
import { refersTo } from "../lib/graph";

const family = "s3";

/** Settings resources of a bucket: those whose `bucket` input came from it (or names it). */
function settingsOf(resources: PolicyResource[], type: string, bucket: PolicyResource): PolicyResource[] {
    return resources.filter((r) => r.type === type && (refersTo(r, "bucket", bucket) || (r.props.bucket !== undefined && r.props.bucket === bucket.props.bucket)));
}

function perBucket(name: string, checks: string, rule: string, anchors: string, level: "mandatory" | "advisory",
                   check: (bucket: PolicyResource, resources: PolicyResource[], config: Record<string, any>) => string | undefined, config?: any): PlatformPolicy {
    return stackPolicy({
        name, family, enforcementLevel: level, checks, rule, anchors, config,
        validate: (resources, report, cfg) => {
            for (const bucket of resources.filter((r) => r.type === T.bucketV2)) {
                const problem = check(bucket, resources, cfg);
                if (problem) report(`bucket ${bucket.props.bucket ?? bucket.name}: ${problem}`, bucket.urn);
            }
        },
    });
}

function sseRules(sse: PolicyResource[]): any[] {
    return sse.flatMap((s) => asArray<any>(s.props.rules)).map((r) => r.applyServerSideEncryptionByDefault ?? {});
}

/** Buckets that receive S3 server access logs: SSE-KMS is not supported for them, AES256 is. */
function isLogTarget(bucket: PolicyResource, resources: PolicyResource[]): boolean {
    return resources.some((r) => r.type === T.bucketLogging && (refersTo(r, "targetBucket", bucket) || r.props.targetBucket === bucket.props.bucket));
}

export const s3Policies: PlatformPolicy[] = [
    perBucket("s3-encryption", "Every bucket has a default server-side encryption configuration", "S3 1", "CKV_AWS_19", "mandatory", (b, rs) =>
        sseRules(settingsOf(rs, T.bucketSse, b)).length === 0 ? "no BucketServerSideEncryptionConfigurationV2: declare default encryption" : undefined),
    perBucket("s3-encryption-kms-cmk", "Buckets encrypt with SSE-KMS under a customer-managed key (server access log targets, which S3 can only write with SSE-S3, excepted)", "S3 2-3", "CKV_AWS_145, AWS-0132", "mandatory", (b, rs) => {
        const rules = sseRules(settingsOf(rs, T.bucketSse, b));
        if (rules.length === 0 || isLogTarget(b, rs)) return undefined;
        const bad = rules.find((r) => !String(r.sseAlgorithm).startsWith("aws:kms") || !r.kmsMasterKeyId);
        return bad ? `default encryption is ${bad.sseAlgorithm}${bad.kmsMasterKeyId ? "" : " without kmsMasterKeyId"}: use aws:kms with a customer-managed key` : undefined;
    }),
    perBucket("s3-bucket-key", "SSE-KMS buckets enable the S3 Bucket Key (cuts KMS requests and cost)", "S3 4", "PC", "advisory", (b, rs) => {
        const sse = settingsOf(rs, T.bucketSse, b).flatMap((s) => asArray<any>(s.props.rules));
        const kms = sse.filter((r) => String(r.applyServerSideEncryptionByDefault?.sseAlgorithm).startsWith("aws:kms"));
        return kms.some((r) => !truthy(r.bucketKeyEnabled)) ? "SSE-KMS without bucketKeyEnabled" : undefined;
    }),
    perBucket("s3-public-access-block", "Every bucket has a public access block with all four flags on", "S3 5", "CKV2_AWS_6, CKV_AWS_53-56, CIS-A 2.1.4", "mandatory", (b, rs) => {
        const blocks = settingsOf(rs, T.bucketPublicAccessBlock, b);
        if (blocks.length === 0) return "no BucketPublicAccessBlock: add one with all four flags true";
        const off = ["blockPublicAcls", "blockPublicPolicy", "ignorePublicAcls", "restrictPublicBuckets"].filter((f) => !truthy(blocks[0].props[f]));
        return off.length > 0 ? `public access block leaves ${off.join(", ")} off` : undefined;
    }),
    resourcePolicy({
        name: "s3-no-public-acl", family, enforcementLevel: "mandatory",
        checks: "No bucket ACL grants public-read, public-read-write or authenticated-read",
        rule: "S3 6", anchors: "CKV_AWS_20/57",
        types: [T.bucketAcl, T.bucket, T.bucketV2],
        validate: (p, report) => {
            if (["public-read", "public-read-write", "authenticated-read"].includes(p.acl)) report(`acl ${p.acl} makes objects readable outside the account: use private and bucket policies`);
            for (const g of asArray<any>(p.accessControlPolicy?.grants)) {
                if (/AllUsers|AuthenticatedUsers/.test(String(g.grantee?.uri))) report(`a grant to ${g.grantee.uri} makes the bucket public`);
            }
        },
    }),
    perBucket("s3-ownership-enforced", "ACLs are disabled (object ownership BucketOwnerEnforced)", "S3 7", "CKV2_AWS_65", "mandatory", (b, rs) => {
        const oc = settingsOf(rs, T.bucketOwnership, b);
        return oc.length === 0 || oc[0].props.rule?.objectOwnership !== "BucketOwnerEnforced" ? "ACLs are not disabled: add BucketOwnershipControls with objectOwnership BucketOwnerEnforced" : undefined;
    }),
    perBucket("s3-deny-insecure-transport", "The bucket policy denies requests without TLS (aws:SecureTransport false)", "S3 8", "CIS-A 2.1.1", "mandatory", (b, rs) => {
        const denies = settingsOf(rs, T.bucketPolicy, b).flatMap((p) => statements(p.props.policy))
            .filter((s) => s.Effect === "Deny" && JSON.stringify(s.Condition ?? {}).includes("aws:SecureTransport"));
        return denies.length === 0 ? "no bucket policy statement denies plain HTTP: add Deny with Condition Bool aws:SecureTransport false" : undefined;
    }),
    resourcePolicy({
        name: "s3-policy-no-public-principal", family, enforcementLevel: "mandatory",
        checks: "No bucket policy Allow statement has a \"*\" principal without a condition",
        rule: "S3 9", anchors: "CKV_AWS_70",
        types: [T.bucketPolicy],
        validate: (p, report) => {
            statements(p.policy).filter((s) => s.Effect === "Allow").forEach((s, i) => {
                if (principals(s).includes("*") && !s.Condition) report(`bucket policy ${label(s, i)} allows anyone: name the principal`);
            });
        },
    }),
    resourcePolicy({
        name: "s3-policy-no-lockout", family, enforcementLevel: "mandatory",
        checks: "No bucket policy denies all actions to every principal without a condition (it would lock out everyone but root)",
        rule: "S3 10", anchors: "CKV_AWS_93",
        types: [T.bucketPolicy],
        validate: (p, report) => {
            statements(p.policy).filter((s) => s.Effect === "Deny").forEach((s, i) => {
                const all = [].concat(s.Action as any ?? []).some((a: string) => a === "*" || a === "s3:*");
                if (all && principals(s).includes("*") && !s.Condition) report(`bucket policy ${label(s, i)} denies everything to everyone: only the root user could change it`);
            });
        },
    }),
    perBucket("s3-access-logging", "Buckets log server access to a log bucket (the log bucket itself excepted)", "S3 11", "AG s3-bucket-logging-enabled, CKV_AWS_18", "advisory", (b, rs) =>
        isLogTarget(b, rs) || settingsOf(rs, T.bucketLogging, b).length > 0 ? undefined : "no BucketLoggingV2: access is not logged"),
    perBucket("s3-versioning", "Every bucket has versioning Enabled", "S3 12", "CKV_AWS_21", "mandatory", (b, rs) => {
        const v = settingsOf(rs, T.bucketVersioning, b);
        return v.length === 0 || v[0].props.versioningConfiguration?.status !== "Enabled" ? "versioning is not Enabled: add BucketVersioningV2 with status Enabled (overwritten or deleted objects are otherwise lost)" : undefined;
    }),
    perBucket("s3-replication", "Buckets holding backups replicate to a second region (production)", "S3 15", "CKV_AWS_144", "mandatory", (b, rs, cfg) => {
        if (!cfg.required || !(cfg.buckets as string[]).some((n) => b.name === n)) return undefined;
        return settingsOf(rs, T.bucketReplication, b).length === 0 ? "backups are not replicated to another region: add BucketReplicationConfig (storage.replicaRegion)" : undefined;
    }, schema({
        required: { type: "boolean", default: true, description: "require cross-region replication of the listed buckets (production)" },
        buckets: { type: "array", items: { type: "string" }, default: ["backups"], description: "logical names of buckets that must replicate" },
    })),
    perBucket("s3-lifecycle", "Every bucket has a lifecycle configuration", "S3 16", "CKV2_AWS_61", "advisory", (b, rs) =>
        settingsOf(rs, T.bucketLifecycle, b).length === 0 ? "no lifecycle configuration: old versions and uploads pile up" : undefined),
    perBucket("s3-abort-multipart", "Lifecycle rules abort incomplete multipart uploads", "S3 17", "CKV_AWS_300", "advisory", (b, rs) => {
        const rules = settingsOf(rs, T.bucketLifecycle, b).flatMap((l) => asArray<any>(l.props.rules));
        return rules.some((r) => r.status === "Enabled" && r.abortIncompleteMultipartUpload) ? undefined : "no lifecycle rule aborts incomplete multipart uploads (they are billed forever)";
    }),
    perBucket("s3-noncurrent-expiry", "Versioned buckets expire noncurrent versions (storage otherwise grows without bound)", "S3 16", "CKV2_AWS_61", "advisory", (b, rs) => {
        const rules = settingsOf(rs, T.bucketLifecycle, b).flatMap((l) => asArray<any>(l.props.rules));
        return rules.some((r) => r.status === "Enabled" && r.noncurrentVersionExpiration) ? undefined : "noncurrent versions never expire";
    }),
    perBucket("s3-dns-compliant-name", "Bucket names are DNS-compliant (lowercase, digits, hyphens; no dots, for TLS)", "S3 20", "AWS-0320", "mandatory", (b) => {
        const n = b.props.bucket;
        if (n === undefined) return undefined;
        return /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/.test(n) ? undefined : `name "${n}" is not DNS-compliant (3-63 of a-z, 0-9 and -)`;
    }),
    resourcePolicy({
        name: "s3-no-force-destroy", family, enforcementLevel: "mandatory",
        checks: "Buckets do not set forceDestroy (deleting the stack must not delete the objects) in production",
        rule: "none", anchors: "none (environment-aware)",
        config: schema({ required: { type: "boolean", default: true, description: "forbid forceDestroy (production)" } }),
        types: [T.bucketV2, T.bucket],
        validate: (p, report, config) => {
            if (config.required && truthy(p.forceDestroy)) report("forceDestroy is true: deleting the bucket would delete every object in it");
        },
    }),
    resourcePolicy({
        name: "s3-legacy-bucket-inline-settings", family, enforcementLevel: "advisory",
        checks: "The deprecated aws.s3.Bucket with inline settings is not used (aws 6.x: BucketV2 with one resource per setting)",
        rule: "S3 (caveat)", anchors: "AG/PC inline-property rules",
        types: [T.bucket],
        validate: (p, report) => {
            const inline = ["serverSideEncryptionConfiguration", "versioning", "loggings", "lifecycleRules", "replicationConfiguration", "acl"].filter((k) => p[k] !== undefined);
            report(`aws.s3.Bucket is deprecated${inline.length ? ` and sets ${inline.join(", ")} inline` : ""}: use BucketV2 and the separate setting resources`);
        },
    }),
    resourcePolicy({
        name: "s3-expiry-outside-production", family, enforcementLevel: "advisory",
        checks: "Outside production, lifecycle rules expire data so test data does not pile up",
        rule: "Tags and cost 6", anchors: "PX",
        config: schema({ required: { type: "boolean", default: false, description: "require an expiration rule (non-production)" } }),
        types: [T.bucketLifecycle],
        validate: (p, report, config) => {
            if (!config.required) return;
            const rules = asArray<any>(p.rules).filter((r) => r.status === "Enabled");
            if (!rules.some((r) => r.expiration || r.noncurrentVersionExpiration)) report("no rule expires objects or old versions");
        },
    }),
];
