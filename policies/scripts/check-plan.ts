// Runs every policy of the pack over a plan.json in-process (no analyzer), with a stack's config:
// a quick way to see what the pack says about a plan while writing policies.
// Usage: node bin/scripts/check-plan.js ../out/production/plan.json production
import { ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { policies } from "../src/policies";
import { planResources, stackConfig } from "../test/harness";

const [file, stack] = process.argv.slice(2);
const { resources } = planResources(file);
const config = stackConfig(stack);
let mandatory = 0;
for (const p of policies) {
    const cfg = config[p.name] ?? {};
    const level: string = cfg.enforcementLevel ?? p.enforcementLevel ?? "advisory";
    if (level === "disabled") continue;
    const { enforcementLevel: _e, ...props } = cfg;
    const out = (urn: string, m: string) => {
        if (level === "mandatory") mandatory++;
        console.log(`${level.padEnd(9)} ${p.name}  ${urn.split("::").slice(-2).join("::")}: ${m}`);
    };
    if ((p as StackValidationPolicy).validateStack) {
        (p as StackValidationPolicy).validateStack({ resources, stackTags: new Map(), getConfig: () => props as any, notApplicable: (() => { throw new Error(); }) as any }, (m, urn) => out(urn ?? "", m));
    } else {
        for (const r of resources) {
            const v = (p as ResourceValidationPolicy).validateResource as any;
            v({ ...r, stackTags: new Map(), getConfig: () => props, notApplicable: () => { throw new Error(); } }, (m: string) => out(r.urn, m));
        }
    }
}
console.log(`${mandatory} mandatory violation(s)`);
