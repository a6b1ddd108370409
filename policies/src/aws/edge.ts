// The edge in front of the internet-facing ALB: a WAF web ACL the stack owns, with the managed rules and a rate
// limit, and logged.
import { PolicyResource } from "@pulumi/policy";
import { PlatformPolicy, schema, stackPolicy } from "../lib/policy";
import { T } from "../lib/types";
import { asArray } from "../lib/values";
import { refersTo } from "../lib/graph";

const family = "edge";
const ACL_ANNOTATION = "alb.ingress.kubernetes.io/wafv2-acl-arn";

function isInternetFacingAlb(ingress: PolicyResource): boolean {
    const a = ingress.props.metadata?.annotations ?? {};
    const alb = ingress.props.spec?.ingressClassName === "alb" || a["kubernetes.io/ingress.class"] === "alb";
    return alb && a["alb.ingress.kubernetes.io/scheme"] === "internet-facing";
}

/** The web ACLs whose outputs went into the values of the release that rendered the Ingress. */
function aclsOf(ingress: PolicyResource, acls: PolicyResource[]): PolicyResource[] {
    const release = ingress.parent;
    if (!release || release.type !== T.helmRelease) return [];
    return acls.filter((acl) => refersTo(release, "values", acl));
}

/** Managed rule groups that block (a group overridden to count only watches). */
function blockingGroups(acl: PolicyResource): string[] {
    return asArray<any>(acl.props.rules)
        .filter((r) => r?.statement?.managedRuleGroupStatement && r.overrideAction?.count === undefined)
        .map((r) => String(r.statement.managedRuleGroupStatement.name));
}

export const edgePolicies: PlatformPolicy[] = [
    stackPolicy({
        name: "alb-internet-facing-web-acl", family, enforcementLevel: "mandatory",
        checks: "An internet-facing ALB (Ingress) is associated with a regional WAF web ACL of the stack that blocks with the required AWS managed rule groups, has a rate-based rule and a logging configuration",
        rule: "ALB 8", anchors: "CKV2_AWS_28 (public ALB protected by WAF), CKV2_AWS_31 (WAF2 logging)",
        config: schema({
            requiredRuleGroups: { type: "array", items: { type: "string" }, default: ["AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet", "AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesSQLiRuleSet"], description: "AWS managed rule groups the web ACL must run in blocking mode" },
            externalWebAclArns: { type: "array", items: { type: "string" }, default: [], description: "web ACLs managed outside the stack (Firewall Manager) that an Ingress may name instead" },
        }),
        validate: (resources, report, config) => {
            const acls = resources.filter((r) => r.type === T.webAcl);
            const logging = resources.filter((r) => r.type === T.webAclLogging);
            for (const ingress of resources.filter((r) => r.type === T.ingress && isInternetFacingAlb(r))) {
                const where = `Ingress ${ingress.props.metadata?.namespace ?? ""}/${ingress.props.metadata?.name ?? ingress.name}`;
                const arn = String(ingress.props.metadata?.annotations?.[ACL_ANNOTATION] ?? "");
                if (arn === "" || arn === "none") {
                    report(`${where}: internet-facing ALB without a WAF web ACL (${ACL_ANNOTATION} is ${arn === "" ? "absent" : "\"none\""}): turn on platform:edge.webAcl so the Ingress names the stack's web ACL`);
                    continue;
                }
                if (asArray<string>(config.externalWebAclArns).includes(arn)) continue;
                const own = aclsOf(ingress, acls);
                if (own.length === 0) {
                    report(`${where}: ${ACL_ANNOTATION} ${arn} is no web ACL of this stack: name the edge tier's web ACL (or list a Firewall Manager ACL in externalWebAclArns)`);
                    continue;
                }
                for (const acl of own) {
                    if (acl.props.scope !== "REGIONAL") report(`web ACL ${acl.name}: scope ${acl.props.scope}: an ALB takes a REGIONAL web ACL only`);
                    const groups = blockingGroups(acl);
                    const missing = asArray<string>(config.requiredRuleGroups).filter((g) => !groups.includes(g));
                    if (missing.length > 0) report(`web ACL ${acl.name} does not block with ${missing.join(", ")}: add the managed rule group(s) with override action none`);
                    if (!asArray<any>(acl.props.rules).some((r) => r?.statement?.rateBasedStatement && r.action?.block !== undefined)) {
                        report(`web ACL ${acl.name} has no blocking rate-based rule: add one (platform:edge.rateLimitRequests)`);
                    }
                    if (!logging.some((l) => refersTo(l, "resourceArn", acl))) report(`web ACL ${acl.name} has no logging configuration: log it to an aws-waf-logs- log group`);
                }
            }
        },
    }),
];
