// Builds validation arguments the way @pulumi/policy's analyzer server does (server.js:
// makeAnalyzeRpcFun / makeAnalyzeStackRpcFun), so a test calls a policy exactly as the analyzer would:
// props behind the unknown-checking proxy, options with protect, the provider resource, getConfig
// returning the stack's config for that policy, and stack resources linked by parent and dependencies.
import * as fs from "fs";
import * as path from "path";
import { PolicyResource, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { PlatformPolicy } from "../src/lib/policy";
import { policies } from "../src/policies";
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { unknownCheckingProxy } = require("@pulumi/policy/proxy");

export interface Options {
    name?: string;
    protect?: boolean;
    provider?: Record<string, any>;
    config?: Record<string, any>;
}

function opts(protect = false) {
    return { protect, ignoreChanges: [], aliases: [], additionalSecretOutputs: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 } };
}

export function policy(name: string): PlatformPolicy {
    const p = policies.find((x) => x.name === name);
    if (!p) throw new Error(`no policy ${name}`);
    return p;
}

function notApplicable(reason?: string): never {
    throw new Error(`not applicable: ${reason}`);
}

/** Messages `name` reports for one resource. */
export function checkResource(name: string, type: string, props: Record<string, any>, o: Options = {}): string[] {
    const p = policy(name) as ResourceValidationPolicy;
    const messages: string[] = [];
    const args: ResourceValidationArgs = {
        type,
        props: unknownCheckingProxy(props),
        urn: `urn:pulumi:test::platform::${type}::${o.name ?? "r"}`,
        name: o.name ?? "r",
        opts: opts(o.protect) as any,
        stackTags: new Map(),
        isType: () => false,
        asType: () => undefined,
        getConfig: <T extends object>() => (o.config ?? {}) as T,
        notApplicable,
        provider: o.provider ? { type: "pulumi:providers:aws", name: "aws", urn: "urn:pulumi:test::platform::pulumi:providers:aws::aws", props: o.provider } : undefined,
    };
    const validations = Array.isArray(p.validateResource) ? p.validateResource : [p.validateResource!];
    const report: ReportViolation = (m) => { messages.push(m); };
    for (const v of validations) v(args, report);
    return messages;
}

/** A resource of a crafted stack: dependencies name other resources of the list by `name`. */
export interface StackEntry {
    type: string;
    name: string;
    props: Record<string, any>;
    deps?: Record<string, string[]>;
    parent?: string;
    protect?: boolean;
}

export function linkStack(entries: StackEntry[]): PolicyResource[] {
    const urn = (e: StackEntry) => `urn:pulumi:test::platform::${e.type}::${e.name}`;
    const byName = new Map<string, PolicyResource>();
    const ambiguous = new Set<string>();
    const resources = entries.map((e) => {
        const r: PolicyResource = {
            type: e.type, name: e.name, urn: urn(e), props: unknownCheckingProxy(e.props), opts: opts(e.protect) as any,
            dependencies: [], propertyDependencies: {}, isType: () => false, asType: () => undefined,
        };
        if (byName.has(e.name)) ambiguous.add(e.name);
        byName.set(e.name, r);
        return r;
    });
    entries.forEach((e, i) => {
        const r = resources[i];
        for (const [prop, names] of Object.entries(e.deps ?? {})) {
            r.propertyDependencies[prop] = names.map((n) => {
                if (ambiguous.has(n)) throw new Error(`${e.name}.${prop}: several resources are named ${n}`);
                const target = byName.get(n);
                if (!target) throw new Error(`${e.name}.${prop}: no resource named ${n}`);
                return target;
            });
            r.dependencies.push(...r.propertyDependencies[prop]);
        }
        if (e.parent) r.parent = byName.get(e.parent);
    });
    return resources;
}

export function checkStack(name: string, resources: PolicyResource[], config: Record<string, any> = {}): string[] {
    const p = policy(name) as StackValidationPolicy;
    const messages: string[] = [];
    const args: StackValidationArgs = { resources, stackTags: new Map(), getConfig: <T extends object>() => config as T, notApplicable };
    p.validateStack(args, (m) => { messages.push(m); });
    return messages;
}

/** The resources of a plan.json as the analyzer's AnalyzeStack sees them (rendered manifests included). */
export function planResources(file: string): { resources: PolicyResource[]; providers: Map<string, Record<string, any>> } {
    const plan = JSON.parse(fs.readFileSync(file, "utf8"));
    const byUrn = new Map<string, PolicyResource>();
    const raw = plan.resources as any[];
    const resources = raw.map((r) => {
        const pr: PolicyResource = {
            type: r.type, name: r.name, urn: r.urn, props: unknownCheckingProxy(r.inputs ?? {}), opts: opts(r.protect) as any,
            dependencies: [], propertyDependencies: {}, isType: () => false, asType: () => undefined,
        };
        byUrn.set(r.urn, pr);
        return pr;
    });
    raw.forEach((r, i) => {
        const pr = resources[i];
        pr.dependencies = (r.dependencies ?? []).map((u: string) => byUrn.get(u)).filter((x: any) => x);
        for (const [k, v] of Object.entries(r.propertyDependencies ?? {})) pr.propertyDependencies[k] = (v as string[]).map((u) => byUrn.get(u)!).filter((x) => x);
        if (r.parent) pr.parent = byUrn.get(r.parent);
    });
    const providers = new Map<string, Record<string, any>>();
    raw.filter((r) => r.type.startsWith("pulumi:providers:")).forEach((r) => providers.set(r.urn, r.inputs));
    for (let i = 0; i < raw.length; i++) {
        const ref = String(raw[i].provider ?? "");
        const providerUrn = ref.includes("::") ? ref.substring(0, ref.lastIndexOf("::")) : "";
        const props = providers.get(providerUrn);
        if (props) resources[i].provider = { type: "pulumi:providers:aws", name: "", urn: providerUrn, props };
    }
    return { resources, providers };
}

/** The per-stack policy config file, in the --policy-pack-config format, as a map of policy name to properties. */
export function stackConfig(stack: string): Record<string, { enforcementLevel?: string; [k: string]: any }> {
    const file = path.join(__dirname, "..", "..", "config", `${stack}.json`);
    const raw = JSON.parse(fs.readFileSync(file, "utf8"));
    const out: Record<string, any> = {};
    for (const [k, v] of Object.entries(raw)) out[k] = typeof v === "string" ? { enforcementLevel: v } : v;
    return out;
}
