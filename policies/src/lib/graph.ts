// Following the wiring between resources in a stack policy: propertyDependencies say which resource
// each input came from (the engine's record of `Output` flow), so a rule can join a flow log to its
// VPC or a database to its security groups without comparing ids that are unknown during preview.
import { PolicyResource } from "@pulumi/policy";

export function byUrn(resources: PolicyResource[]): Map<string, PolicyResource> {
    return new Map(resources.map((r) => [r.urn, r]));
}

/** Whether `resource`'s input `property` was built from `target`'s outputs. */
export function refersTo(resource: PolicyResource, property: string, target: PolicyResource): boolean {
    return (resource.propertyDependencies[property] ?? []).some((d) => d.urn === target.urn);
}

/** Every resource an input of `resource` came from. */
export function sources(resource: PolicyResource, property: string): PolicyResource[] {
    return resource.propertyDependencies[property] ?? [];
}

export function dependsOn(resource: PolicyResource, target: PolicyResource): boolean {
    return resource.dependencies.some((d) => d.urn === target.urn)
        || Object.values(resource.propertyDependencies).some((deps) => deps.some((d) => d.urn === target.urn));
}

/** Resources of `type` with an input `property` built from `target`. */
export function referrers(resources: PolicyResource[], type: string, property: string, target: PolicyResource): PolicyResource[] {
    return resources.filter((r) => r.type === type && refersTo(r, property, target));
}
