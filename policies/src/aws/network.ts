// VPC, subnets, routes, NAT and network ACLs (catalogue "VPC, subnets, routes").
import { PolicyResource } from "@pulumi/policy";
import { PlatformPolicy, resourcePolicy, schema, stackPolicy } from "../lib/policy";
import { T } from "../lib/types";
import { allPorts, coversPort, isInternetCidr, truthy } from "../lib/values";
import { refersTo } from "../lib/graph";

const family = "network";

export const networkPolicies: PlatformPolicy[] = [
    stackPolicy({
        name: "vpc-flow-logs-enabled", family, enforcementLevel: "mandatory",
        checks: "Every VPC has a flow log capturing ALL traffic",
        rule: "VPC 1", anchors: "CKV2_AWS_11, AWS-0178, CIS-A 3.7",
        validate: (resources, report) => {
            const logs = resources.filter((r) => r.type === T.flowLog);
            for (const vpc of resources.filter((r) => r.type === T.vpc)) {
                const own = logs.filter((l) => refersTo(l, "vpcId", vpc));
                if (own.length === 0) {
                    report(`VPC ${vpc.name} has no flow log: add an aws.ec2.FlowLog with vpcId of this VPC and trafficType ALL`, vpc.urn);
                } else if (!own.some((l) => l.props.trafficType === "ALL")) {
                    report(`VPC ${vpc.name} logs only ${own.map((l) => l.props.trafficType).join(", ")} traffic: set trafficType ALL`, vpc.urn);
                }
            }
        },
    }),
    resourcePolicy({
        name: "no-default-vpc", family, enforcementLevel: "mandatory",
        checks: "The program does not adopt or use the account's default VPC",
        rule: "VPC 2", anchors: "CKV_AWS_148",
        types: [T.defaultVpc],
        validate: (_p, report) => report("the default VPC is managed by this program: build workloads in a dedicated VPC and leave the default VPC unused (or delete it)"),
    }),
    resourcePolicy({
        name: "default-security-group-restricts-all", family, enforcementLevel: "mandatory",
        checks: "The VPC's default security group has no ingress and no egress rules",
        rule: "VPC 3", anchors: "CKV2_AWS_12, CIS-A 5.4",
        types: [T.defaultSecurityGroup],
        validate: (p, report) => {
            const rules = [...(p.ingress ?? []), ...(p.egress ?? [])];
            if (rules.length > 0) report(`the default security group has ${rules.length} rule(s): remove every ingress and egress rule so nothing can use it`);
        },
    }),
    stackPolicy({
        name: "vpc-default-security-group-managed", family, enforcementLevel: "advisory",
        checks: "Every VPC of the stack takes over its default security group (aws.ec2.DefaultSecurityGroup) to empty it",
        rule: "VPC 3", anchors: "CKV2_AWS_12, CIS-A 5.4",
        validate: (resources, report) => {
            const defaults = resources.filter((r) => r.type === T.defaultSecurityGroup);
            for (const vpc of resources.filter((r) => r.type === T.vpc)) {
                if (!defaults.some((d) => refersTo(d, "vpcId", vpc))) {
                    report(`VPC ${vpc.name}: its default security group keeps AWS's allow-all-within-group rules; adopt it with aws.ec2.DefaultSecurityGroup and no rules`, vpc.urn);
                }
            }
        },
    }),
    resourcePolicy({
        name: "subnet-no-public-ip-on-launch", family, enforcementLevel: "mandatory",
        checks: "Subnets do not give instances public IPs on launch (public subnets included: load balancers and NAT get their own addresses)",
        rule: "VPC 4", anchors: "CKV_AWS_130",
        types: [T.subnet],
        validate: (p, report) => {
            if (truthy(p.mapPublicIpOnLaunch)) report("mapPublicIpOnLaunch is true: instances started here get a public IP; set it to false");
        },
    }),
    stackPolicy({
        name: "private-routes-through-nat", family, enforcementLevel: "mandatory",
        checks: "Route tables with a default route send private traffic through a NAT gateway: only tables of public subnets route 0.0.0.0/0 to the internet gateway",
        rule: "VPC 5", anchors: "CKV2_AWS_35",
        validate: (resources, report) => {
            for (const route of resources.filter((r) => r.type === T.route)) {
                if (!isInternetCidr(route.props.destinationCidrBlock) || !route.props.gatewayId) continue;
                const table = route.propertyDependencies.routeTableId?.[0];
                if (!table) continue;
                const subnets = subnetsOfTable(resources, table);
                const nonPublic = subnets.filter((s) => (s.props.tags ?? {}).Tier !== "public");
                if (nonPublic.length > 0) {
                    report(`route ${route.name} sends 0.0.0.0/0 to an internet gateway from a table of non-public subnet(s) ${nonPublic.map((s) => s.name).join(", ")}: route private subnets through a NAT gateway`, route.urn);
                }
            }
        },
    }),
    resourcePolicy({
        name: "peering-routes-least-access", family, enforcementLevel: "mandatory",
        checks: "Routes to a VPC peering connection name a specific CIDR, never 0.0.0.0/0",
        rule: "VPC 6", anchors: "CKV2_AWS_44",
        types: [T.route],
        validate: (p, report) => {
            if (p.vpcPeeringConnectionId && (isInternetCidr(p.destinationCidrBlock) || isInternetCidr(p.destinationIpv6CidrBlock))) {
                report("a route sends every address to a VPC peering connection: route only the peer's CIDR");
            }
        },
    }),
    resourcePolicy({
        name: "nacl-no-admin-ports-from-internet", family, enforcementLevel: "mandatory",
        checks: "Network ACL rules do not allow 22 or 3389 from 0.0.0.0/0 or ::/0",
        rule: "VPC 7", anchors: "CKV_AWS_229-232, CIS-A 5.1",
        types: [T.networkAclRule, T.networkAcl],
        validate: (p, report, _c, args) => {
            const rules = args.type === T.networkAcl ? (p.ingress ?? []).map((r: any) => ({ ...r, egress: false, ruleAction: r.action, protocol: r.protocol, cidrBlock: r.cidrBlock })) : [p];
            for (const r of rules) {
                if (truthy(r.egress) || String(r.ruleAction).toLowerCase() !== "allow") continue;
                if (!isInternetCidr(r.cidrBlock) && !isInternetCidr(r.ipv6CidrBlock)) continue;
                for (const port of [22, 3389]) {
                    if (coversPort(r.protocol, r.fromPort, r.toPort, port)) report(`network ACL rule allows port ${port} from the internet: allow administration ports only from named CIDRs`);
                }
            }
        },
    }),
    resourcePolicy({
        name: "nacl-no-all-ports", family, enforcementLevel: "mandatory",
        checks: "Network ACL rules do not allow every port",
        rule: "VPC 8", anchors: "CKV_AWS_352",
        types: [T.networkAclRule],
        validate: (p, report) => {
            if (!truthy(p.egress) && String(p.ruleAction).toLowerCase() === "allow" && allPorts(p.protocol, p.fromPort, p.toPort)) {
                report(`network ACL rule ${p.ruleNumber ?? ""} allows all ports: name the protocol and port range`.replace("  ", " "));
            }
        },
    }),
    stackPolicy({
        name: "nacl-attached", family, enforcementLevel: "advisory",
        checks: "Every network ACL is associated with a subnet",
        rule: "VPC 9", anchors: "CKV2_AWS_1",
        validate: (resources, report) => {
            for (const acl of resources.filter((r) => r.type === T.networkAcl)) {
                const inline = (acl.props.subnetIds ?? []).length > 0;
                const associated = resources.some((r) => r.type === T.networkAclAssociation && refersTo(r, "networkAclId", acl));
                if (!inline && !associated) report(`network ACL ${acl.name} is attached to no subnet: associate it or remove it`, acl.urn);
            }
        },
    }),
    stackPolicy({
        name: "nat-gateway-per-az", family, enforcementLevel: "mandatory",
        checks: "Private subnets reach the internet through a NAT gateway in their own AZ, so losing one AZ does not cut the others off (production)",
        rule: "Tags and cost 5 (inverse for production)", anchors: "none (environment-aware)",
        config: schema({ perAz: { type: "boolean", default: true, description: "require one NAT gateway per availability zone (production); false allows a single shared NAT" } }),
        validate: (resources, report, config) => {
            const nats = resources.filter((r) => r.type === T.natGateway);
            const azOfNat = new Map<string, string | undefined>();
            for (const nat of nats) azOfNat.set(nat.urn, nat.propertyDependencies.subnetId?.[0]?.props.availabilityZone);
            const privateAzs = new Set(resources.filter((r) => r.type === T.subnet && (r.props.tags ?? {}).Tier === "private").map((s) => s.props.availabilityZone));
            if (!config.perAz) return;
            if (privateAzs.size > 0 && nats.length < privateAzs.size) {
                report(`${nats.length} NAT gateway(s) for private subnets in ${privateAzs.size} availability zones: production needs one NAT gateway per AZ (network.natGateways: perAz)`);
            }
            for (const route of resources.filter((r) => r.type === T.route && r.props.natGatewayId)) {
                const table = route.propertyDependencies.routeTableId?.[0];
                const nat = route.propertyDependencies.natGatewayId?.[0];
                if (!table || !nat) continue;
                const natAz = azOfNat.get(nat.urn);
                for (const subnet of subnetsOfTable(resources, table)) {
                    if (natAz && subnet.props.availabilityZone && subnet.props.availabilityZone !== natAz) {
                        report(`subnet ${subnet.name} (${subnet.props.availabilityZone}) routes through NAT gateway ${nat.name} in ${natAz}: an outage of ${natAz} cuts it off`, subnet.urn);
                    }
                }
            }
        },
    }),
    stackPolicy({
        name: "single-nat-outside-production", family, enforcementLevel: "advisory",
        checks: "Outside production one shared NAT gateway is enough (each costs about 33 USD a month plus data)",
        rule: "Tags and cost 5", anchors: "PX",
        config: schema({ maxNatGateways: { type: "integer", default: 0, minimum: 0, description: "highest number of NAT gateways; 0 means no limit (production)" } }),
        validate: (resources, report, config) => {
            const nats = resources.filter((r) => r.type === T.natGateway);
            if (config.maxNatGateways > 0 && nats.length > config.maxNatGateways) {
                report(`${nats.length} NAT gateways where ${config.maxNatGateways} would do outside production: set network.natGateways to single`);
            }
        },
    }),
    stackPolicy({
        name: "database-subnets-no-internet-route", family, enforcementLevel: "mandatory",
        checks: "Subnets tagged Tier=database have no route to the internet (neither gateway nor NAT)",
        rule: "Tier rules", anchors: "none (cross-resource)",
        validate: (resources, report) => {
            for (const subnet of resources.filter((r) => r.type === T.subnet && (r.props.tags ?? {}).Tier === "database")) {
                for (const table of tablesOfSubnet(resources, subnet)) {
                    for (const route of resources.filter((r) => r.type === T.route && refersTo(r, "routeTableId", table))) {
                        if (isInternetCidr(route.props.destinationCidrBlock) || isInternetCidr(route.props.destinationIpv6CidrBlock)) {
                            report(`database subnet ${subnet.name} has a default route (${route.name}) through its route table ${table.name}: database subnets must have no internet route`, subnet.urn);
                        }
                    }
                    for (const inline of table.props.routes ?? []) {
                        if (isInternetCidr(inline.cidrBlock)) report(`database subnet ${subnet.name}: route table ${table.name} has an inline default route`, subnet.urn);
                    }
                }
            }
        },
    }),
];

export function tablesOfSubnet(resources: PolicyResource[], subnet: PolicyResource): PolicyResource[] {
    return resources
        .filter((r) => r.type === T.routeTableAssociation && refersTo(r, "subnetId", subnet))
        .map((a) => a.propertyDependencies.routeTableId?.[0])
        .filter((t): t is PolicyResource => !!t);
}

export function subnetsOfTable(resources: PolicyResource[], table: PolicyResource): PolicyResource[] {
    return resources
        .filter((r) => r.type === T.routeTableAssociation && refersTo(r, "routeTableId", table))
        .map((a) => a.propertyDependencies.subnetId?.[0])
        .filter((s): s is PolicyResource => !!s);
}
