// Rules over every resource: required tags, protect on stateful resources, region, instance types.
import { PlatformPolicy, resourcePolicy, schema, stackPolicy } from "../lib/policy";
import { T } from "../lib/types";
import { effectiveTags } from "../lib/tags";
import { asArray, parseJson } from "../lib/values";

/**
 * AWS types the program creates that accept tags. A type not here but with a `tags` input is taggable too;
 * these are listed so that a resource that forgets `tags` entirely is still checked.
 */
const TAGGABLE = new Set<string>([
    T.vpc, T.subnet, T.routeTable, T.natGateway, T.internetGateway, T.flowLog, T.securityGroup, T.defaultSecurityGroup,
    T.ingressRule, T.egressRule, T.launchTemplate, T.eksCluster, T.nodeGroup, T.addon, T.podIdentity, T.accessEntry,
    T.iamRole, T.iamPolicy, T.kmsKey, T.rdsInstance, T.rdsParameterGroup, T.rdsSubnetGroup, T.cacheReplicationGroup,
    T.cacheSubnetGroup, "aws:elasticache/parameterGroup:ParameterGroup", "aws:elasticache/user:User", "aws:elasticache/userGroup:UserGroup",
    T.bucketV2, T.logGroup, T.secret, "aws:ec2/eip:Eip", "aws:ec2/vpcEndpoint:VpcEndpoint", T.networkAcl, T.instance,
    "aws:cloudwatch/metricAlarm:MetricAlarm", "aws:sns/topic:Topic", "aws:budgets/budget:Budget",
]);

const STATEFUL = [T.rdsInstance, T.cacheReplicationGroup, T.bucketV2, T.bucket, T.kmsKey, "aws:dynamodb/table:Table", "aws:efs/fileSystem:FileSystem"];

export const stackWidePolicies: PlatformPolicy[] = [
    resourcePolicy({
        name: "required-tags", family: "tags", enforcementLevel: "mandatory",
        checks: "Every taggable AWS resource carries the required tags, counting the provider's default tags",
        rule: "Tags and cost 1", anchors: "PX (required tags), none for provider default tags",
        config: schema({ tags: { type: "array", items: { type: "string" }, default: ["Environment", "Owner", "CostCenter", "Project", "ManagedBy", "Stack"], description: "tag keys every taggable resource must carry" } }),
        types: [...TAGGABLE],
        validate: (p, report, config, args) => {
            const tags = effectiveTags(p, args.provider?.props);
            const missing = (config.tags as string[]).filter((k) => tags[k] === undefined || tags[k] === "");
            if (missing.length > 0) report(`missing tag(s) ${missing.join(", ")} (neither on the resource nor in its provider's defaultTags): set them in platform:tags`);
        },
    }),
    resourcePolicy({
        name: "name-tag", family: "tags", enforcementLevel: "advisory",
        checks: "Taggable resources have a Name tag, so the console shows what they are",
        rule: "Tags and cost 1", anchors: "none (naming convention)",
        types: [...TAGGABLE].filter((t) => t !== T.ingressRule && t !== T.egressRule && t !== T.addon && t !== T.podIdentity && t !== T.accessEntry),
        validate: (p, report) => {
            if (!(p.tags ?? {}).Name) report("no Name tag");
        },
    }),
    resourcePolicy({
        name: "approved-region", family: "tags", enforcementLevel: "mandatory",
        checks: "AWS providers deploy only to approved regions, and are locked to the stack's account (allowedAccountIds)",
        rule: "Tags and cost 2", anchors: "PX",
        config: schema({ regions: { type: "array", items: { type: "string" }, default: ["us-east-1", "us-west-2"], description: "regions resources may be created in" } }),
        types: [T.awsProvider],
        validate: (p, report, config) => {
            if (p.region && !(config.regions as string[]).includes(p.region)) report(`region ${p.region} is not approved (${(config.regions as string[]).join(", ")})`);
            const accounts = parseJson(p.allowedAccountIds) ?? p.allowedAccountIds;
            if (asArray(accounts).length === 0) report("the provider is not locked to an account: set allowedAccountIds so the stack cannot touch another account");
        },
    }),
    resourcePolicy({
        name: "approved-instance-types", family: "tags", enforcementLevel: "advisory",
        checks: "Node, database and cache sizes are current-generation (no t2/m4/r4 and older)",
        rule: "Tags and cost 3-4", anchors: "PX",
        types: [T.nodeGroup, T.cacheReplicationGroup, T.instance],
        validate: (p, report) => {
            const types = [...asArray<string>(p.instanceTypes), p.nodeType, p.instanceType].filter((x) => x);
            for (const t of types) if (/^(cache\.)?(t2|m3|m4|r3|r4|c4)\./.test(t)) report(`${t} is a previous-generation type`);
        },
    }),
    resourcePolicy({
        name: "spot-outside-production", family: "tags", enforcementLevel: "advisory",
        checks: "Outside production node groups and Karpenter NodePools may run on Spot; in production they run On-Demand",
        rule: "Tags and cost 8", anchors: "PX",
        config: schema({ capacityType: { type: "string", default: "ON_DEMAND", description: "expected capacityType: ON_DEMAND (production) or SPOT / any" } }),
        types: [T.nodeGroup, T.nodePool],
        validate: (p, report, config, args) => {
            if (config.capacityType === "any") return;
            if (args.type === T.nodePool) {
                // karpenter.sh/capacity-type In [...] in the pool's requirements; without one Karpenter may pick spot too.
                const requirement = asArray<any>(p.spec?.template?.spec?.requirements).find((r) => r?.key === "karpenter.sh/capacity-type");
                const allowed: string[] = requirement?.operator === "In" ? asArray<string>(requirement.values) : ["spot", "on-demand"];
                const expected = config.capacityType === "ON_DEMAND" ? "on-demand" : "spot";
                if (allowed.some((v) => v !== expected)) report(`the NodePool allows capacity types [${allowed.join(", ")}]: expected only ${expected} in this environment (karpenter.sh/capacity-type In [${expected}])`);
                return;
            }
            if ((p.capacityType ?? "ON_DEMAND") !== config.capacityType) report(`capacityType is ${p.capacityType ?? "ON_DEMAND"}: expected ${config.capacityType} in this environment`);
        },
    }),
    resourcePolicy({
        name: "stateful-resources-protected", family: "stack", enforcementLevel: "mandatory",
        checks: "Stateful resources (databases, caches, buckets, KMS keys) carry Pulumi's protect option (production)",
        rule: "none", anchors: "none (environment-aware)",
        config: schema({ required: { type: "boolean", default: true, description: "require protect on stateful resources (production)" } }),
        types: STATEFUL,
        validate: (_p, report, config, args) => {
            if (config.required && !args.opts.protect) report("not protected: set the protect resource option so `pulumi destroy` or a rename cannot delete it");
        },
    }),
    stackPolicy({
        name: "stack-has-cost-tags", family: "tags", enforcementLevel: "mandatory",
        checks: "Every AWS provider of the stack sets defaultTags with Environment, Owner and CostCenter (cost allocation)",
        rule: "Tags and cost 1", anchors: "none (provider default tags)",
        validate: (resources, report) => {
            for (const provider of resources.filter((r) => r.type === T.awsProvider)) {
                const tags = (parseJson(provider.props.defaultTags) ?? {}).tags ?? {};
                const missing = ["Environment", "Owner", "CostCenter"].filter((k) => !tags[k]);
                if (missing.length > 0) report(`AWS provider ${provider.name} has no default tag(s) ${missing.join(", ")}: resources it creates are not allocated to a cost center`, provider.urn);
            }
        },
    }),
];
