// Security groups and their rules, in all three shapes: inline ingress/egress blocks, the legacy
// aws.ec2.SecurityGroupRule, and the aws 6.x aws.vpc.SecurityGroupIngressRule/EgressRule.
import { PlatformPolicy, resourcePolicy, schema, stackPolicy } from "../lib/policy";
import { T } from "../lib/types";
import { allPorts, coversPort, portText } from "../lib/values";
import { internetRanges, MAX_PUBLIC_IPV4_ADDRESSES } from "../lib/cidr";
import { refersTo } from "../lib/graph";
import { ResourceValidationArgs } from "@pulumi/policy";

const family = "security groups";

/** One rule in a common shape, whatever resource declared it. */
export interface SgRule {
    direction: "ingress" | "egress";
    protocol: unknown;
    from: unknown;
    to: unknown;
    cidrs: string[];
    description?: string;
}

export function rulesOf(type: string, p: Record<string, any>): SgRule[] {
    if (type === T.ingressRule || type === T.egressRule) {
        return [{
            direction: type === T.ingressRule ? "ingress" : "egress",
            protocol: p.ipProtocol, from: p.fromPort, to: p.toPort,
            cidrs: [p.cidrIpv4, p.cidrIpv6].filter((c) => c !== undefined),
            description: p.description,
        }];
    }
    if (type === T.securityGroupRule) {
        return [{
            direction: p.type === "egress" ? "egress" : "ingress",
            protocol: p.protocol, from: p.fromPort, to: p.toPort,
            cidrs: [...(p.cidrBlocks ?? []), ...(p.ipv6CidrBlocks ?? [])],
            description: p.description,
        }];
    }
    if (type === T.securityGroup || type === T.defaultSecurityGroup) {
        const inline = (direction: "ingress" | "egress") => (p[direction] ?? []).map((r: any) => ({
            direction, protocol: r.protocol, from: r.fromPort, to: r.toPort,
            cidrs: [...(r.cidrBlocks ?? []), ...(r.ipv6CidrBlocks ?? [])], description: r.description,
        }));
        return [...inline("ingress"), ...inline("egress")];
    }
    return [];
}

const ruleTypes = [T.securityGroup, T.securityGroupRule, T.ingressRule, T.egressRule];

/** Names of groups that face the internet on purpose (the ALB): config `exemptGroups` by logical name. */
function exempt(args: ResourceValidationArgs, config: Record<string, any>, props: Record<string, any>): boolean {
    const names: string[] = config.exemptGroups ?? [];
    const group = args.type === T.securityGroup ? args.name : String(props.securityGroupId ?? "");
    return names.some((n) => args.name === n || args.name.startsWith(n + "-") || group === n);
}

/** A rule for exactly tcp 80 or tcp 443: all the internet-facing load balancer takes from the internet. */
function webPortOnly(r: SgRule): boolean {
    const from = Number(r.from);
    return String(r.protocol).toLowerCase() === "tcp" && from === Number(r.to) && (from === 80 || from === 443);
}

const exemptSchema = schema({
    exemptGroups: { type: "array", items: { type: "string" }, default: ["alb"], description: "logical names of internet-facing groups (and the prefix of their rules' names) allowed to take tcp 80 and 443, and nothing else, from the internet" },
});

export const securityGroupPolicies: PlatformPolicy[] = [
    resourcePolicy({
        name: "sg-no-admin-ports-from-internet", family, enforcementLevel: "mandatory",
        checks: "No ingress from the internet (0.0.0.0/0, ::/0 or any range as broad, lib/cidr.ts) to SSH (22) or RDP (3389)",
        rule: "Security groups 1", anchors: "CKV_AWS_24/25, CIS-A 5.2/5.3",
        types: ruleTypes,
        validate: (p, report, _c, args) => {
            for (const r of rulesOf(args.type, p).filter((r) => r.direction === "ingress")) {
                const open = internetRanges(r.cidrs);
                for (const port of [22, 3389]) {
                    if (open.length > 0 && coversPort(r.protocol, r.from, r.to, port)) {
                        report(`ingress ${portText(r.protocol, r.from, r.to)} from ${open.join(", ")} opens port ${port} to the internet: reach nodes through SSM Session Manager or allow a named CIDR`);
                    }
                }
            }
        },
    }),
    resourcePolicy({
        name: "sg-no-all-ports-from-internet", family, enforcementLevel: "mandatory",
        checks: "No ingress from the internet on all ports or all protocols",
        rule: "Security groups 2", anchors: "CKV_AWS_277",
        types: ruleTypes,
        validate: (p, report, _c, args) => {
            for (const r of rulesOf(args.type, p).filter((r) => r.direction === "ingress")) {
                if (internetRanges(r.cidrs).length > 0 && allPorts(r.protocol, r.from, r.to)) {
                    report(`ingress of ${portText(r.protocol, r.from, r.to)} from the internet: allow only the ports the service listens on`);
                }
            }
        },
    }),
    resourcePolicy({
        name: "sg-no-http-from-internet", family, enforcementLevel: "mandatory",
        checks: "No port 80 from the internet, except the internet-facing load balancer's group (which redirects to HTTPS)",
        rule: "Security groups 3", anchors: "CKV_AWS_260",
        config: exemptSchema,
        types: ruleTypes,
        validate: (p, report, config, args) => {
            if (exempt(args, config, p)) return;
            for (const r of rulesOf(args.type, p).filter((r) => r.direction === "ingress")) {
                if (internetRanges(r.cidrs).length > 0 && coversPort(r.protocol, r.from, r.to, 80) && !allPorts(r.protocol, r.from, r.to)) {
                    report("ingress on port 80 from the internet outside the load balancer's group: only the ALB may take plain HTTP (and redirect it)");
                }
            }
        },
    }),
    resourcePolicy({
        name: "sg-no-public-ingress", family, enforcementLevel: "mandatory",
        checks: `No ingress from the internet (any range, or ranges together, covering more than ${MAX_PUBLIC_IPV4_ADDRESSES.toLocaleString("en-US")} public IPv4 addresses or a /48 of IPv6) on any port, except tcp 80 and 443 on the internet-facing load balancer's group`,
        rule: "Security groups 4", anchors: "PC disallow-public-internet-ingress",
        config: exemptSchema,
        types: ruleTypes,
        validate: (p, report, config, args) => {
            const loadBalancer = exempt(args, config, p);
            for (const r of rulesOf(args.type, p).filter((r) => r.direction === "ingress")) {
                const open = internetRanges(r.cidrs);
                if (open.length === 0) continue;
                if (!loadBalancer) {
                    report(`ingress ${portText(r.protocol, r.from, r.to)} from ${open.join(", ")}: only the load balancer's group may face the internet`);
                } else if (!webPortOnly(r)) {
                    report(`ingress ${portText(r.protocol, r.from, r.to)} from ${open.join(", ")} on the load balancer's group: it may take only tcp 80 and 443 from the internet`);
                }
            }
        },
    }),
    resourcePolicy({
        name: "sg-no-unrestricted-egress", family, enforcementLevel: "advisory",
        checks: "No egress to the internet on all ports (scope egress to the ports needed)",
        rule: "Security groups 5", anchors: "CKV_AWS_382, AWS-0104",
        types: ruleTypes,
        validate: (p, report, _c, args) => {
            for (const r of rulesOf(args.type, p).filter((r) => r.direction === "egress")) {
                if (internetRanges(r.cidrs).length > 0 && allPorts(r.protocol, r.from, r.to)) {
                    report(`egress of all traffic to ${internetRanges(r.cidrs).join(", ")}: name the ports the workload needs (for example 443)`);
                }
            }
        },
    }),
    resourcePolicy({
        name: "sg-internet-egress-https-only", family, enforcementLevel: "advisory",
        checks: "Egress to the internet is limited to HTTPS (443); anything else is named in docs/policies.md",
        rule: "Security groups 5", anchors: "CKV_AWS_382, AWS-0104",
        types: ruleTypes,
        validate: (p, report, _c, args) => {
            for (const r of rulesOf(args.type, p).filter((r) => r.direction === "egress")) {
                if (internetRanges(r.cidrs).length > 0 && !allPorts(r.protocol, r.from, r.to) && !(String(r.protocol) === "tcp" && Number(r.from) === 443 && Number(r.to) === 443)) {
                    report(`egress ${portText(r.protocol, r.from, r.to)} to the internet: only 443 is expected`);
                }
            }
        },
    }),
    resourcePolicy({
        name: "sg-descriptions", family, enforcementLevel: "advisory",
        checks: "Every security group and every rule has a description saying what it is for",
        rule: "Security groups 6", anchors: "CKV_AWS_23, PC missing-description",
        types: ruleTypes,
        validate: (p, report, _c, args) => {
            if (args.type === T.securityGroup && (!p.description || p.description === "Managed by Pulumi")) {
                report("the security group has no description of its own: say who may connect and why");
            }
            rulesOf(args.type, p).forEach((r, i) => {
                if (!r.description) report(`${r.direction} rule ${args.type === T.securityGroup ? i + 1 + " " : ""}(${portText(r.protocol, r.from, r.to)}) has no description`.replace("  ", " "));
            });
        },
    }),
    stackPolicy({
        name: "sg-attached", family, enforcementLevel: "advisory",
        checks: "Every security group is used by something other than its own rules (an instance, cluster, database, cache, launch template)",
        rule: "Security groups 7", anchors: "CKV2_AWS_5",
        validate: (resources, report) => {
            const ruleTypeSet = new Set<string>([T.securityGroupRule, T.ingressRule, T.egressRule]);
            for (const sg of resources.filter((r) => r.type === T.securityGroup)) {
                const users = resources.filter((r) => !ruleTypeSet.has(r.type) && r.urn !== sg.urn
                    && Object.values(r.propertyDependencies).some((deps) => deps.some((d) => d.urn === sg.urn)));
                if (users.length === 0) report(`security group ${sg.name} is attached to nothing: remove it or attach it`, sg.urn);
            }
        },
    }),
    stackPolicy({
        name: "sg-no-rule-management-conflicts", family, enforcementLevel: "mandatory",
        checks: "A security group with inline ingress/egress blocks has no separate rule resources (they overwrite each other on every update)",
        rule: "Security groups 8", anchors: "AG security-group-no-rule-management-conflicts",
        validate: (resources, report) => {
            for (const sg of resources.filter((r) => r.type === T.securityGroup)) {
                const inline = (sg.props.ingress ?? []).length + (sg.props.egress ?? []).length > 0;
                if (!inline) continue;
                const separate = resources.filter((r) => [T.securityGroupRule, T.ingressRule, T.egressRule].includes(r.type as any)
                    && (refersTo(r, "securityGroupId", sg)));
                if (separate.length > 0) {
                    report(`security group ${sg.name} has inline rules and ${separate.length} separate rule resource(s) (${separate.map((r) => r.name).join(", ")}): use one or the other`, sg.urn);
                }
            }
        },
    }),
];
