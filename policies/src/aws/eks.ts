// EKS clusters, add-ons, access, node groups and the launch templates behind them.
import { PolicyResource } from "@pulumi/policy";
import { PlatformPolicy, resourcePolicy, schema, stackPolicy } from "../lib/policy";
import { T } from "../lib/types";
import { asArray, falsy, num, truthy } from "../lib/values";
import { internetRanges } from "../lib/cidr";
import { refersTo } from "../lib/graph";

const family = "eks";
const nodes = "node groups";
const LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"];

export const eksPolicies: PlatformPolicy[] = [
    resourcePolicy({
        name: "eks-endpoint-private", family, enforcementLevel: "mandatory",
        checks: "The cluster API endpoint is private, or public only to named CIDRs (together at most a /16 of public addresses: never 0.0.0.0/0 or its halves), and private access is on",
        rule: "EKS cluster 1-2", anchors: "CKV_AWS_38/39, CIS-E 5.4.1-2",
        types: [T.eksCluster],
        validate: (p, report) => {
            const vpc = p.vpcConfig ?? {};
            const isPublic = vpc.endpointPublicAccess === undefined || truthy(vpc.endpointPublicAccess); // AWS default: public
            if (isPublic) {
                const cidrs = asArray<string>(vpc.publicAccessCidrs);
                if (cidrs.length === 0) {
                    report("the cluster API endpoint is public to the whole internet: set vpcConfig.endpointPublicAccess false, or publicAccessCidrs to named CIDRs");
                } else if (internetRanges(cidrs).length > 0) {
                    report(`the cluster API endpoint is public to the whole internet (publicAccessCidrs ${internetRanges(cidrs).join(", ")}): set vpcConfig.endpointPublicAccess false, or publicAccessCidrs to named CIDRs of at most a /16 together`);
                }
            }
            if (!truthy(vpc.endpointPrivateAccess)) report("vpcConfig.endpointPrivateAccess is off: nodes reach the API over the internet; turn it on");
        },
    }),
    resourcePolicy({
        name: "eks-secrets-encrypted", family, enforcementLevel: "mandatory",
        checks: "Kubernetes secrets are envelope-encrypted with a customer-managed KMS key",
        rule: "EKS cluster 3", anchors: "CKV_AWS_58, CIS-E 5.3.1",
        types: [T.eksCluster],
        validate: (p, report) => {
            const enc = p.encryptionConfig;
            if (!enc || !asArray<string>(enc.resources).includes("secrets") || !enc.provider?.keyArn) {
                report("secrets are not encrypted with a customer-managed key: set encryptionConfig { resources: [secrets], provider.keyArn }");
            }
        },
    }),
    resourcePolicy({
        name: "eks-control-plane-logging", family, enforcementLevel: "mandatory",
        checks: "All five control-plane log types are enabled (api, audit, authenticator, controllerManager, scheduler)",
        rule: "EKS cluster 4", anchors: "CKV_AWS_37, CIS-E 2.1.1",
        types: [T.eksCluster],
        validate: (p, report) => {
            const enabled = asArray<string>(p.enabledClusterLogTypes);
            const missing = LOG_TYPES.filter((t) => !enabled.includes(t));
            if (missing.length > 0) report(`control-plane logs missing: ${missing.join(", ")}; add them to enabledClusterLogTypes`);
        },
    }),
    resourcePolicy({
        name: "eks-supported-version", family, enforcementLevel: "mandatory",
        checks: "The cluster runs a Kubernetes version still in EKS standard support",
        rule: "EKS cluster 5", anchors: "CKV_AWS_339",
        config: schema({ minimumVersion: { type: "string", default: "1.33", description: "oldest Kubernetes minor still in EKS standard support" } }),
        types: [T.eksCluster, T.nodeGroup],
        validate: (p, report, config) => {
            if (p.version === undefined) return;
            const [maj, min] = String(p.version).split(".").map(Number);
            const [wantMaj, wantMin] = String(config.minimumVersion).split(".").map(Number);
            if (maj < wantMaj || (maj === wantMaj && min < wantMin)) {
                report(`Kubernetes ${p.version} is older than ${config.minimumVersion}, the oldest version in EKS standard support: upgrade`);
            }
        },
    }),
    resourcePolicy({
        name: "eks-access-entries", family, enforcementLevel: "mandatory",
        checks: "Cluster access is managed with access entries (authenticationMode API), not the aws-auth ConfigMap, and the creator gets no implicit admin",
        rule: "EKS cluster 7", anchors: "CIS-E 4.1.7",
        types: [T.eksCluster],
        validate: (p, report) => {
            const mode = p.accessConfig?.authenticationMode ?? "CONFIG_MAP";
            if (mode !== "API") report(`accessConfig.authenticationMode is ${mode}: use API (access entries) so access is in the plan, not in the aws-auth ConfigMap`);
            if (p.accessConfig?.bootstrapClusterCreatorAdminPermissions === undefined || truthy(p.accessConfig?.bootstrapClusterCreatorAdminPermissions)) {
                report("bootstrapClusterCreatorAdminPermissions gives whoever runs `pulumi up` hidden cluster-admin: set it false and grant admins with access entries");
            }
        },
    }),
    stackPolicy({
        name: "eks-network-policy-enforced", family, enforcementLevel: "mandatory",
        checks: "The VPC CNI add-on enforces NetworkPolicies (configurationValues enableNetworkPolicy \"true\")",
        rule: "EKS cluster 8", anchors: "CIS-E 4.3.1",
        validate: (resources, report) => {
            for (const cluster of resources.filter((r) => r.type === T.eksCluster)) {
                const cni = resources.find((r) => r.type === T.addon && r.props.addonName === "vpc-cni");
                const values = cni ? safeParse(cni.props.configurationValues) : undefined;
                if (!cni || String(values?.enableNetworkPolicy) !== "true") {
                    report(`cluster ${cluster.name}: NetworkPolicies are not enforced; install the vpc-cni add-on with configurationValues {"enableNetworkPolicy":"true"}`, cluster.urn);
                }
            }
        },
    }),
    stackPolicy({
        name: "eks-vpc-cni-own-role", family, enforcementLevel: "mandatory",
        checks: "The VPC CNI (aws-node) gets its permissions from its own Pod Identity/IRSA role, not from the node role",
        rule: "EKS cluster 9", anchors: "KY require-aws-node-irsa, CIS-E 5.2.1",
        validate: (resources, report) => {
            for (const cluster of resources.filter((r) => r.type === T.eksCluster)) {
                const viaPodIdentity = resources.some((r) => r.type === T.podIdentity && r.props.serviceAccount === "aws-node" && r.props.namespace === "kube-system");
                const viaAddon = resources.some((r) => r.type === T.addon && r.props.addonName === "vpc-cni" && (r.props.serviceAccountRoleArn || (r.props.podIdentityAssociations ?? []).length > 0));
                if (!viaPodIdentity && !viaAddon) report(`cluster ${cluster.name}: aws-node has no role of its own, so the CNI runs with the node role; add a Pod Identity association for kube-system/aws-node`, cluster.urn);
            }
            for (const att of resources.filter((r) => r.type === T.iamRolePolicyAttachment && String(r.props.policyArn).endsWith("/AmazonEKS_CNI_Policy"))) {
                const role = att.propertyDependencies.role?.[0];
                if (role && resources.some((ng) => ng.type === T.nodeGroup && refersTo(ng, "nodeRoleArn", role))) {
                    report(`AmazonEKS_CNI_Policy is attached to the node role ${role.name}: every pod on the node can use it; give it to aws-node's own role`, att.urn);
                }
            }
        },
    }),
    stackPolicy({
        name: "eks-nodes-private", family: nodes, enforcementLevel: "mandatory",
        checks: "Node groups run in private subnets (Tier=private), never in public ones",
        rule: "EKS cluster 6", anchors: "CIS-E 5.4.3",
        validate: (resources, report) => {
            for (const ng of resources.filter((r) => r.type === T.nodeGroup)) {
                const publicSubnets = (ng.propertyDependencies.subnetIds ?? []).filter((s) => s.type === T.subnet && ((s.props.tags ?? {}).Tier === "public" || truthy(s.props.mapPublicIpOnLaunch)));
                if (publicSubnets.length > 0) report(`node group ${ng.name} runs in public subnet(s) ${publicSubnets.map((s) => s.name).join(", ")}: use the private subnets`, ng.urn);
            }
        },
    }),
    stackPolicy({
        name: "eks-node-registry-read-only", family: nodes, enforcementLevel: "mandatory",
        checks: "The node role may only read from ECR (AmazonEC2ContainerRegistryReadOnly or PullOnly), never push",
        rule: "EKS cluster 10", anchors: "CIS-E 5.1.1-3",
        validate: (resources, report) => {
            for (const ng of resources.filter((r) => r.type === T.nodeGroup)) {
                const role = ng.propertyDependencies.nodeRoleArn?.[0];
                if (!role) continue;
                for (const att of resources.filter((r) => r.type === T.iamRolePolicyAttachment && refersTo(r, "role", role))) {
                    const arn = String(att.props.policyArn);
                    if (/AmazonEC2ContainerRegistry(FullAccess|PowerUser)$/.test(arn)) report(`node role ${role.name} has ${arn.split("/").pop()}: nodes only pull images; use AmazonEC2ContainerRegistryPullOnly`, att.urn);
                }
            }
        },
    }),
    resourcePolicy({
        name: "eks-addon-version-pinned", family, enforcementLevel: "advisory",
        checks: "Managed add-ons pin addonVersion, so an upgrade is a reviewed change",
        rule: "EKS cluster 5", anchors: "none (best practice)",
        types: [T.addon],
        validate: (p, report) => {
            if (!p.addonVersion) report(`add-on ${p.addonName} has no addonVersion: EKS picks its default, which changes under you; pin it`);
        },
    }),
    resourcePolicy({
        name: "nodegroup-approved-ami", family: nodes, enforcementLevel: "mandatory",
        checks: "Node groups use an approved AMI family (AL2023 or Bottlerocket; AL2 is gone from 1.33 on)",
        rule: "Node groups 8", anchors: "PX, CIS-E 3.3.1",
        config: schema({ amiTypes: { type: "array", items: { type: "string" }, default: ["AL2023_x86_64_STANDARD", "AL2023_ARM_64_STANDARD", "BOTTLEROCKET_x86_64", "BOTTLEROCKET_ARM_64"], description: "allowed amiType values" } }),
        types: [T.nodeGroup],
        validate: (p, report, config) => {
            if (!p.amiType) {
                if (!p.launchTemplate) report("amiType is not set: EKS picks one; set an approved AMI type");
                return;
            }
            if (!config.amiTypes.includes(p.amiType)) report(`amiType ${p.amiType} is not approved (${config.amiTypes.join(", ")})`);
        },
    }),
    resourcePolicy({
        name: "nodegroup-launch-template", family: nodes, enforcementLevel: "mandatory",
        checks: "Node groups start from a launch template (where IMDSv2, encryption and no public IP are enforced), with no remote SSH access",
        rule: "Node groups 1", anchors: "CKV_AWS_100",
        types: [T.nodeGroup],
        validate: (p, report) => {
            if (p.remoteAccess) report("remoteAccess opens SSH to the nodes: remove it and use SSM Session Manager");
            if (!p.launchTemplate) report("the node group has no launch template: IMDSv2, encrypted volumes and no public IP cannot be enforced without one");
        },
    }),
    stackPolicy({
        name: "nodegroup-min-size", family: nodes, enforcementLevel: "mandatory",
        checks: "Node groups keep a minimum number of nodes (production: at least 2, so a node loss keeps the service up); the groups of a perAz family (tag PerAzGroup) count together",
        rule: "none", anchors: "none (environment-aware)",
        config: schema({ minimumNodes: { type: "integer", default: 2, minimum: 1, description: "lowest allowed scalingConfig.minSize of a group, or sum over a perAz family" } }),
        validate: (resources, report, config) => {
            for (const [family, groups] of nodeGroupFamilies(resources)) {
                const mins = groups.map((ng) => num(ng.props.scalingConfig?.minSize));
                if (mins.some((m) => m === undefined)) continue;
                const total = mins.reduce((a, b) => a! + b!, 0)!;
                if (total >= config.minimumNodes) continue;
                for (const ng of groups) {
                    report(groups.length === 1
                        ? `scalingConfig.minSize is ${total}: this environment needs at least ${config.minimumNodes} nodes`
                        : `the perAz node groups of ${family} keep ${total} node(s) at minimum in all: this environment needs at least ${config.minimumNodes} nodes`, ng.urn);
                }
            }
        },
    }),
    resourcePolicy({
        name: "nodegroup-update-config", family: nodes, enforcementLevel: "advisory",
        checks: "Node groups limit how many nodes an update takes down (updateConfig)",
        rule: "none", anchors: "none (best practice)",
        types: [T.nodeGroup],
        validate: (p, report) => {
            if (!p.updateConfig) report("no updateConfig: set maxUnavailable or maxUnavailablePercentage so a rolling update keeps capacity");
        },
    }),
    stackPolicy({
        name: "nodegroup-multi-az", family: nodes, enforcementLevel: "mandatory",
        checks: "Each node group spans at least two availability zones",
        rule: "none", anchors: "none (cross-resource)",
        config: schema({ minimumZones: { type: "integer", default: 2, minimum: 1, description: "fewest availability zones a node group must span" } }),
        validate: (resources, report, config) => {
            // A perAz family (tag PerAzGroup) spans the zones of all its groups, one each.
            for (const [family, groups] of nodeGroupFamilies(resources)) {
                const subnets = groups.flatMap((ng) => ng.propertyDependencies.subnetIds ?? []);
                const zones = new Set(subnets.map((s) => s.props.availabilityZone).filter((z) => z));
                if (subnets.length === 0 || zones.size >= config.minimumZones) continue;
                for (const ng of groups) {
                    report(groups.length === 1
                        ? `node group ${ng.name} spans ${zones.size} availability zone(s): give it subnets in at least ${config.minimumZones}`
                        : `the perAz node groups of ${family} span ${zones.size} availability zone(s) in all: give the stack private subnets in at least ${config.minimumZones}`, ng.urn);
                }
            }
        },
    }),
    resourcePolicy({
        name: "launch-template-imdsv2", family: nodes, enforcementLevel: "mandatory",
        checks: "Launch templates require IMDSv2 tokens with a hop limit of 1 (pods cannot reach the node's credentials)",
        rule: "Node groups 2-3", anchors: "CKV_AWS_79, CKV_AWS_341, CIS-A 5.6",
        types: [T.launchTemplate, T.instance],
        validate: (p, report) => {
            const md = p.metadataOptions;
            if (!md || md.httpTokens !== "required") {
                if (!md || md.httpEndpoint !== "disabled") report("metadataOptions.httpTokens is not \"required\": IMDSv1 lets any SSRF read the node role's credentials");
            }
            const hops = num(md?.httpPutResponseHopLimit);
            if (md?.httpEndpoint !== "disabled" && (hops === undefined || hops > 1)) report(`metadataOptions.httpPutResponseHopLimit is ${hops ?? "unset"}: set 1 so containers cannot use the node's metadata`);
        },
    }),
    resourcePolicy({
        name: "launch-template-no-public-ip", family: nodes, enforcementLevel: "mandatory",
        checks: "Launch templates give instances no public IP",
        rule: "Node groups 4", anchors: "CKV_AWS_88",
        types: [T.launchTemplate, T.instance],
        validate: (p, report) => {
            if (truthy(p.associatePublicIpAddress)) report("associatePublicIpAddress is true: nodes must stay private");
            for (const ni of asArray<any>(p.networkInterfaces)) {
                if (ni.associatePublicIpAddress === undefined || !falsy(ni.associatePublicIpAddress)) {
                    report("a network interface does not set associatePublicIpAddress \"false\": the subnet's default decides; make it explicit");
                }
            }
        },
    }),
    resourcePolicy({
        name: "launch-template-encrypted-volumes", family: nodes, enforcementLevel: "mandatory",
        checks: "Every block device of a launch template is encrypted with a customer-managed KMS key",
        rule: "Node groups 5-6", anchors: "PC launchtemplate-disallow-unencrypted-block-device",
        types: [T.launchTemplate],
        validate: (p, report) => {
            const devices = asArray<any>(p.blockDeviceMappings).filter((d) => d.ebs);
            if (devices.length === 0) report("no blockDeviceMappings: the root volume takes the AMI's default (unencrypted unless the account default is on); declare it encrypted");
            for (const d of devices) {
                if (!truthy(d.ebs.encrypted)) report(`${d.deviceName ?? "a device"} is not encrypted: set ebs.encrypted "true"`);
                else if (!d.ebs.kmsKeyId) report(`${d.deviceName ?? "a device"} is encrypted with the AWS-managed key: set ebs.kmsKeyId to a customer-managed key`);
            }
        },
    }),
    resourcePolicy({
        name: "launch-template-gp3", family: nodes, enforcementLevel: "advisory",
        checks: "EBS volumes are gp3 (20% cheaper than gp2, baseline IOPS independent of size)",
        rule: "Tags and cost 7", anchors: "PX",
        types: [T.launchTemplate],
        validate: (p, report) => {
            for (const d of asArray<any>(p.blockDeviceMappings).filter((d) => d.ebs)) {
                if (d.ebs.volumeType && d.ebs.volumeType !== "gp3") report(`${d.deviceName ?? "a device"} uses ${d.ebs.volumeType}: use gp3`);
            }
        },
    }),
    resourcePolicy({
        name: "launch-template-no-secrets-in-user-data", family: nodes, enforcementLevel: "mandatory",
        checks: "User data carries no credentials (AWS keys, passwords, private keys)",
        rule: "Node groups 7", anchors: "CKV_AWS_46",
        types: [T.launchTemplate, T.instance],
        validate: (p, report) => {
            if (typeof p.userData !== "string") return;
            let text = p.userData;
            try { text = text + "\n" + Buffer.from(p.userData, "base64").toString("utf8"); } catch { /* not base64 */ }
            if (/AKIA[0-9A-Z]{16}|aws_secret_access_key|-----BEGIN [A-Z ]*PRIVATE KEY-----|password\s*[=:]/i.test(text)) {
                report("user data contains what looks like a credential: read secrets at boot from Secrets Manager with the instance role");
            }
        },
    }),
];

function safeParse(v: unknown): any {
    if (typeof v !== "string") return v;
    try { return JSON.parse(v); } catch { return undefined; }
}

/**
 * Node groups by family: the groups a perAz node group was expanded into share their tag PerAzGroup (the configured
 * name); any other group is a family of one, under its own name.
 */
function nodeGroupFamilies(resources: PolicyResource[]): Map<string, PolicyResource[]> {
    const families = new Map<string, PolicyResource[]>();
    for (const ng of resources.filter((r) => r.type === T.nodeGroup)) {
        const family = String(ng.props.tags?.PerAzGroup ?? ng.name);
        families.set(family, [...(families.get(family) ?? []), ng]);
    }
    return families;
}
