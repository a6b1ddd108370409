// How every policy of the pack is declared: a name, the catalogue rule it implements with its anchor
// ids, an enforcement level, an optional config schema (thresholds that differ per environment), and
// a validation that only sees the resource types it names. Declaring policies through these two
// helpers keeps the docs generator and the tests working from the same metadata as the analyzer.
import {
    EnforcementLevel,
    PolicyConfigSchema,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";

/** Metadata shared by resource and stack policies. */
export interface PolicyMeta {
    /** kebab-case policy name, unique in the pack; the key in policies/config/<stack>.json. */
    name: string;
    /** The family the policy belongs to (network, iam, s3, ...): a section of docs/policies.md. */
    family: string;
    /** What the policy checks, in one sentence. */
    checks: string;
    /** The catalogue rule ("S3 5") and its anchors ("CKV2_AWS_6, CIS-A 2.1.4"); "none" when no public set has it. */
    rule: string;
    anchors: string;
    enforcementLevel: EnforcementLevel;
    /** Config properties with their defaults (the production values); a stack's config file overrides them. */
    config?: PolicyConfigSchema;
}

export type Config = Record<string, any>;

export interface ResourcePolicyDef<P = Record<string, any>> extends PolicyMeta {
    /** The type tokens the policy applies to; any other resource is not applicable. */
    types: string[];
    validate: (props: P, report: (message: string) => void, config: Config, args: ResourceValidationArgs) => void;
}

export interface StackPolicyDef extends PolicyMeta {
    validate: (resources: PolicyResource[], report: ReportViolation, config: Config, args: StackValidationArgs) => void;
}

/** A policy as the pack exports it: the @pulumi/policy object plus the metadata docs need. */
export type PlatformPolicy = (ResourceValidationPolicy | StackValidationPolicy) & { meta: PolicyMeta; types?: string[] };

function description(meta: PolicyMeta): string {
    const anchors = meta.anchors === "none" ? "no public anchor" : meta.anchors;
    return `${meta.checks} (catalogue: ${meta.rule}; ${anchors})`;
}

/** The config a validation sees: schema defaults overlaid with what the stack's config file says. */
export function effectiveConfig(schema: PolicyConfigSchema | undefined, given: Config): Config {
    const result: Config = {};
    for (const [key, prop] of Object.entries(schema?.properties ?? {})) {
        if (typeof prop === "object" && prop.default !== undefined) {
            result[key] = prop.default;
        }
    }
    return { ...result, ...given };
}

export function resourcePolicy<P = Record<string, any>>(def: ResourcePolicyDef<P>): PlatformPolicy {
    const types = new Set(def.types);
    const validateResource = (args: ResourceValidationArgs, report: ReportViolation) => {
        if (!types.has(args.type)) {
            return;
        }
        const config = effectiveConfig(def.config, args.getConfig<Config>());
        def.validate(args.props as P, (message) => report(message), config, args);
    };
    if (def.types.length === 1) {
        // The analyzer's fast path: with one type it skips other resources without calling us.
        (validateResource as any).__pulumiType = def.types[0];
    }
    const { validate, types: _types, ...meta } = def;
    return {
        name: def.name,
        description: description(meta),
        enforcementLevel: def.enforcementLevel,
        configSchema: def.config,
        validateResource,
        meta,
        types: def.types,
    };
}

export function stackPolicy(def: StackPolicyDef): PlatformPolicy {
    const { validate, ...meta } = def;
    return {
        name: def.name,
        description: description(meta),
        enforcementLevel: def.enforcementLevel,
        configSchema: def.config,
        validateStack: (args: StackValidationArgs, report: ReportViolation) =>
            def.validate(args.resources, report, effectiveConfig(def.config, args.getConfig<Config>()), args),
        meta,
    };
}

/** Config schema helpers: a boolean switch and a minimum, each with its production default. */
export function schema(properties: Record<string, { type: "integer" | "boolean" | "string" | "array"; default: any; description: string; minimum?: number; items?: any }>): PolicyConfigSchema {
    return { properties: properties as any };
}
